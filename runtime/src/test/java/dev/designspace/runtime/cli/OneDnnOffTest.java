package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.runtime.sweep.LocalSweep;
import java.nio.charset.StandardCharsets;
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
    List<String> command = new ArrayList<>(LocalSweep.workerCommand());
    command.addAll(
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
            dir.resolve("run").toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TF_ENABLE_ONEDNN_OPTS", "0");
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Process train = builder.start();
    String output = new String(train.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(train.waitFor()).as(output).isEqualTo(2);
    assertThat(output)
        .contains("cannot train grouped convolutions on this CPU without its oneDNN kernels")
        .contains("(TF_ENABLE_ONEDNN_OPTS=0)")
        .contains("set TF_ENABLE_ONEDNN_OPTS=1")
        .doesNotContain("\tat ");
  }
}
