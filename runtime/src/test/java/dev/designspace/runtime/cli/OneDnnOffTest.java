package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.runtime.sweep.LocalSweep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With TensorFlow's oneDNN kernels turned off (as they are by default on CPUs without AVX-512 VNNI,
 * AVX-VNNI or AMX), a model with grouped convolutions cannot be trained on a CPU: train says why
 * and what to do, with exit code 2, instead of TensorFlow's internal error.
 */
class OneDnnOffTest {
  @Test
  void trainingGroupedConvolutionsWithoutOneDnnSaysWhatToSet(@TempDir Path dir) throws Exception {
    List<String> command =
        List.of(
            "train",
            "specs/fmnist-models.yaml",
            "--model",
            "Tiny-X", // 16 and 32 channels in groups of 8
            "--epochs",
            "1",
            "--dataset",
            "synthetic:64",
            "--batch-size",
            "32",
            "--test-limit",
            "32",
            "--out",
            dir.resolve("run").toString());
    Ended train = withoutOneDnn(command);
    assertThat(train.exitCode()).as(train.output()).isEqualTo(2);
    assertThat(train.output())
        .contains("cannot train grouped convolutions on this CPU without its oneDNN kernels")
        .contains("(TF_ENABLE_ONEDNN_OPTS=0)")
        .contains("set TF_ENABLE_ONEDNN_OPTS=1")
        .doesNotContain("\tat ");
  }

  /**
   * An exported model runs where TensorFlow's oneDNN kernels are off, as it does in a TensorFlow
   * that turns them on only on some CPUs: by default its grouped convolutions are dense
   * convolutions per group. TensorFlow's own grouped form cannot run there.
   */
  @Test
  void anExportedModelServesWithoutOneDnn(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    CliRun train =
        CliRun.of(
            "train",
            "specs/fmnist-models.yaml",
            "--model",
            "Tiny-X",
            "--epochs",
            "1",
            "--dataset",
            "fashion-mnist-subset",
            "--train-limit",
            "512",
            "--test-limit",
            "200",
            "--out",
            run.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    Path portable = dir.resolve("portable");
    assertThat(CliRun.of("export", run.toString(), "--out", portable.toString()).exitCode())
        .isZero();
    assertThat(Files.readString(portable.resolve("designspace-model.json")))
        .contains("\"groupedConvolutions\" : \"split\"");
    CliRun withOneDnn =
        CliRun.of("predict", portable.toString(), "--dataset", "fashion-mnist-subset");
    assertThat(withOneDnn.exitCode()).as(withOneDnn.err()).isZero();

    Ended without =
        withoutOneDnn(List.of("predict", portable.toString(), "--dataset", "fashion-mnist-subset"));
    assertThat(without.exitCode()).as(without.output()).isZero();
    // the same predictions, so the same accuracy line
    assertThat(without.output()).contains(withOneDnn.out().strip());

    Path grouped = dir.resolve("grouped");
    CliRun export =
        CliRun.of("export", run.toString(), "--out", grouped.toString(), "--conv-impl", "grouped");
    assertThat(export.exitCode()).as(export.err()).isZero();
    Ended fails =
        withoutOneDnn(List.of("predict", grouped.toString(), "--dataset", "fashion-mnist-subset"));
    assertThat(fails.exitCode()).isNotZero();
    assertThat(fails.output()).contains("grouped convolutions");

    CliRun auto =
        CliRun.of(
            "export",
            run.toString(),
            "--out",
            dir.resolve("auto").toString(),
            "--conv-impl",
            "auto");
    assertThat(auto.exitCode()).isEqualTo(2);
    assertThat(auto.err()).contains("choose grouped, depthwise, split or blockdiag, not auto");
  }

  private record Ended(int exitCode, String output) {}

  /** {@code designspace ARGS} in a process of its own with TF_ENABLE_ONEDNN_OPTS=0. */
  private static Ended withoutOneDnn(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(LocalSweep.workerCommand());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TF_ENABLE_ONEDNN_OPTS", "0");
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Ended(process.waitFor(), output);
  }
}
