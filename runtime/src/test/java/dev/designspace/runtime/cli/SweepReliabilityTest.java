package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.designspace.command.ExitCodes;
import dev.designspace.runtime.runfiles.FailureCause;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFileReader;
import dev.designspace.runtime.runfiles.RunStatus;
import dev.designspace.runtime.sweep.SweepDirectory;
import dev.designspace.runtime.sweep.TinySpec;
import dev.designspace.runtime.testing.Prerequisite;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep that meets a full disk or a model failure: models lost to the machine are told apart from
 * models that failed for their own reason, the sweep stops and says so, and a rerun trains what was
 * lost and only that.
 */
class SweepReliabilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> sweep(Path spec, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sweep",
                spec.toString(),
                "-n",
                "6",
                "--seed",
                "3",
                "--workers",
                "1",
                "--epochs",
                "2",
                "--dataset",
                "synthetic:256",
                "--batch-size",
                "32",
                "--test-limit",
                "64",
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return args;
  }

  private static Optional<ModelResult> result(Path run) throws IOException {
    return RunFileReader.resultIn(run);
  }

  /** Bytes of every file under {@code dir}, in 4 KiB pages as tmpfs counts them. */
  private static long footprint(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      long bytes = 0;
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        bytes += (Files.size(f) + 4095) / 4096 * 4096;
      }
      return bytes;
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  @Test
  void aFullDiskStopsTheSweepAndTheSameCommandCompletesItOnceThereIsSpace(@TempDir Path dir)
      throws Exception {
    Path mount = Files.createDirectories(dir.resolve("small-disk"));
    Prerequisite.MOUNT.assume(
        run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString()) == 0);
    try {
      Path spec = TinySpec.write(dir, "TinyDisk");
      // what one model's run takes, trained on a roomy disk (the first model of the sample)
      Path roomy = dir.resolve("roomy");
      CliRun first =
          CliRun.of(sweep(spec, roomy).stream().map(a -> a.equals("6") ? "1" : a).toList());
      assertThat(first.exitCode()).as(first.err()).isZero();
      long perModel = footprint(roomy.resolve("models"));

      // the sweep prepared on the small disk, then the disk filled to leave room for 1.5 models
      Path out = mount.resolve("sweep");
      SweepDirectory.prepare(spec, 6, 3, out);
      Path filler = mount.resolve("filler");
      long keep = perModel + perModel / 2;
      try (OutputStream f = Files.newOutputStream(filler)) {
        byte[] block = new byte[4096];
        while (Files.getFileStore(mount).getUsableSpace() > keep) {
          f.write(block);
        }
      }

      CliRun full = CliRun.of(sweep(spec, out));
      assertThat(full.exitCode()).as(full.out() + full.err()).isEqualTo(ExitCodes.MODELS_LOST);
      assertThat(full.err())
          .contains("no space left on device in " + out)
          .contains("no further model is handed out")
          .contains("run the same command");
      List<ModelResult> results = new ArrayList<>();
      List<ModelResult> lost = new ArrayList<>();
      try (Stream<Path> runs = Files.list(out.resolve("models"))) {
        for (Path run : runs.sorted().toList()) {
          Optional<ModelResult> r = result(run);
          r.ifPresent(results::add);
          r.filter(m -> m.status() == RunStatus.FAILED).ifPresent(lost::add);
        }
      }
      // it stopped handing out models: some never started. A model lost to the disk records why
      // where the disk leaves room for that (a half-written checkpoint is removed first), else it
      // has no result, like a model never started
      assertThat(results.size()).isLessThan(6);
      for (ModelResult m : lost) {
        assertThat(m.cause()).isEqualTo(FailureCause.ENVIRONMENT);
        assertThat(m.message()).startsWith("no space left on device in " + out.resolve("models"));
      }
      CliRun status = CliRun.of("sweep", "status", out.toString());
      assertThat(status.out()).contains("lost to their environment");

      // space again: the same command trains the lost and the never-started models, nothing else
      Files.delete(filler);
      CliRun again = CliRun.of(sweep(spec, out));
      assertThat(again.exitCode()).as(again.err()).isZero();
      try (Stream<Path> runs = Files.list(out.resolve("models"))) {
        for (Path run : runs.toList()) {
          assertThat(result(run).map(ModelResult::status)).contains(RunStatus.DONE);
        }
      }
      for (ModelResult m : lost) {
        Path setAside = out.resolve("models").resolve(m.id()).resolve("previous-result-1.json");
        assertThat(RunFileReader.result(setAside).cause()).isEqualTo(FailureCause.ENVIRONMENT);
      }
      try (Stream<Path> files = Files.walk(out)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .noneMatch(n -> n.endsWith(".tmp") || n.contains("tempstate") || n.contains("probe"));
      }
    } finally {
      run("umount", "-l", mount.toString());
    }
  }

  /**
   * A model that failed for its own reason stays failed on a rerun (until --retry-failed); one lost
   * to its environment or interrupted is trained again, its lost result kept.
   */
  @Test
  void aRerunTrainsTheLostModelsAndKeepsTheModelsOwnFailures(@TempDir Path dir) throws Exception {
    Path spec = TinySpec.write(dir, "TinyRerun");
    Path out = dir.resolve("sweep");
    List<String> three = sweep(spec, out).stream().map(a -> a.equals("6") ? "3" : a).toList();
    CliRun first = CliRun.of(three);
    assertThat(first.exitCode()).as(first.err()).isZero();
    String[] ids = {"TinyRerun_s0000", "TinyRerun_s0001", "TinyRerun_s0002"};
    fail(out, ids[0], "model", "Conv2D refused the model");
    fail(out, ids[1], "environment", "no space left on device in " + out);
    fail(out, ids[2], null, "worker exited with code 1 and no result"); // before causes

    CliRun status = CliRun.of("sweep", "status", out.toString());
    assertThat(status.out())
        .contains("failed 3 (1 lost to their environment")
        .contains("failed " + ids[0] + " (model): Conv2D refused the model")
        .contains("failed " + ids[2] + " (model): worker exited with code 1");

    CliRun rerun = CliRun.of(three);
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(result(out.resolve("models").resolve(ids[0])).orElseThrow().cause())
        .isEqualTo(FailureCause.MODEL);
    assertThat(result(out.resolve("models").resolve(ids[2])).orElseThrow().status())
        .isEqualTo(RunStatus.FAILED);
    assertThat(result(out.resolve("models").resolve(ids[1])).orElseThrow().status())
        .isEqualTo(RunStatus.DONE);
    assertThat(out.resolve("models").resolve(ids[1]).resolve("previous-result-1.json"))
        .isRegularFile();
    assertThat(out.resolve("models").resolve(ids[0]).resolve("previous-result-1.json"))
        .doesNotExist();

    CliRun retried =
        CliRun.of(
            new ArrayList<>(three) {
              {
                add("--retry-failed");
              }
            });
    assertThat(retried.exitCode()).as(retried.err()).isZero();
    for (String id : ids) {
      assertThat(result(out.resolve("models").resolve(id)).orElseThrow().status())
          .isEqualTo(RunStatus.DONE);
    }
  }

  /** Turns a done model's result into a failed one with {@code cause} (null: none recorded). */
  private static void fail(Path out, String id, String cause, String message) throws IOException {
    Path file = out.resolve("models").resolve(id).resolve("result.json");
    ObjectNode r = (ObjectNode) JSON.readTree(file.toFile());
    ObjectNode failed = JSON.createObjectNode();
    failed.put("id", id).put("status", "failed").put("error", 100.0);
    failed.set("flops", r.get("flops"));
    failed.set("params", r.get("params"));
    failed.set("acts", r.get("acts"));
    failed.put("message", message);
    if (cause != null) {
      failed.put("cause", cause);
    }
    Files.writeString(file, JSON.writeValueAsString(failed));
  }
}
