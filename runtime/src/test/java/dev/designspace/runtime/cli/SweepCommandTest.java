package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.files.DirectoryLock;
import dev.designspace.runtime.runfiles.RunDirectory;
import dev.designspace.runtime.sweep.SweepDirectory;
import dev.designspace.runtime.sweep.TinySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sweep's launcher options and --status as a user meets them; nothing here needs Slurm or trains.
 */
class SweepCommandTest {
  @TempDir static Path dir;
  static String spec;

  @BeforeAll
  static void writeSpec() throws IOException {
    spec = TinySpec.write(dir, "TinyCli").toString();
  }

  @Test
  void dryRunWritesTheScriptAndSubmitsNothing() throws Exception {
    Path out = dir.resolve("dry");
    CliRun run =
        CliRun.of(
            "sweep",
            spec,
            "-n",
            "3",
            "--epochs",
            "1",
            "--dataset",
            "synthetic:64",
            "--launcher",
            "slurm",
            "--max-parallel",
            "2",
            "--time-limit",
            "30",
            "--dry-run",
            "--out",
            out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path script = out.resolve("slurm/sweep.sbatch");
    assertThat(run.out())
        .contains(
            "wrote "
                + script
                + " for 3 models (0 with a result, 0 already queued); submit it with:")
        .contains("sbatch --parsable --chdir " + out.toAbsolutePath());
    assertThat(Files.readString(script))
        .contains("#SBATCH --array=0-2%2", "#SBATCH --time=30", "'--dataset'\n  'synthetic:64'");
    Process syntax = new ProcessBuilder("bash", "-n", script.toString()).start();
    assertThat(syntax.waitFor()).isZero();
    assertThat(out.resolve("slurm/jobs.json")).doesNotExist();
    assertThat(out.resolve("classes/dev/designspace/models/TinyCli_s0002.class")).exists();

    CliRun status = CliRun.of("sweep", out.toString(), "--status");
    assertThat(status.exitCode()).isZero();
    // with Slurm here, squeue says none is queued; without, the three are unfinished
    assertThat(status.out())
        .startsWith(out + ": 3 models: done 0, failed 0, diverged 0, ")
        .containsAnyOf(
            "not queued 3", "unfinished 3 (squeue did not answer about its Slurm tasks)");
    assertThat(out.resolve("sweep.json")).exists();
  }

  @Test
  void aSweepDirectoryKeepsItsSweep() throws Exception {
    Path out = dir.resolve("kept");
    String[] first = {
      "sweep",
      spec,
      "-n",
      "2",
      "--seed",
      "4",
      "--launcher",
      "slurm",
      "--dry-run",
      "--out",
      out.toString()
    };
    assertThat(CliRun.of(first).exitCode()).isZero();
    Path source = out.resolve("src/dev/designspace/models/TinyCli_s0001.java");
    String before = Files.readString(source);
    // the spec named another way is the same sweep: nothing changes
    CliRun again =
        CliRun.of(
            "sweep",
            dir.resolve(".").resolve(Path.of(spec).getFileName()).toString(),
            "-n",
            "2",
            "--seed",
            "4",
            "--launcher",
            "slurm",
            "--dry-run",
            "--out",
            out.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(Files.readString(source)).isEqualTo(before);
    // another count or seed would change or delete models that may be training: refused
    CliRun other =
        CliRun.of(
            "sweep",
            spec,
            "-n",
            "3",
            "--seed",
            "5",
            "--launcher",
            "slurm",
            "--dry-run",
            "--out",
            out.toString());
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err())
        .contains(
            out.toAbsolutePath()
                + " holds another sweep: it has -n 2, not 3; it has --seed 4, not 5. Resume it with"
                + " the spec, -n and --seed it was started with, or choose another --out");
    assertThat(Files.readString(source)).isEqualTo(before);

    // --retry-failed sets a failed result aside (kept, numbered) and puts its model in the array
    Path run = Files.createDirectories(out.resolve("models/TinyCli_s0001"));
    Files.writeString(
        run.resolve("result.json"), "{\"id\" : \"TinyCli_s0001\", \"status\" : \"failed\"}");
    Files.writeString(run.resolve("previous-result-1.json"), "{\"status\" : \"failed\"}");
    CliRun kept = CliRun.of(first);
    assertThat(kept.out())
        .contains("for 1 models (1 with a result, 0 already queued; 1 failed, add --retry-failed");
    List<String> retry = new java.util.ArrayList<>(List.of(first));
    retry.add("--retry-failed");
    CliRun retried = CliRun.of(retry);
    assertThat(retried.exitCode()).as(retried.err()).isZero();
    assertThat(retried.out()).contains("for 2 models (0 with a result");
    assertThat(run.resolve("result.json")).doesNotExist();
    assertThat(run.resolve("previous-result-1.json")).hasContent("{\"status\" : \"failed\"}");
    assertThat(run.resolve("previous-result-2.json")).content().contains("TinyCli_s0001");
  }

  @Test
  void aModelBeingTrainedIsLeftToTheProcessTrainingIt() throws Exception {
    Path out = dir.resolve("busy");
    assertThat(
            CliRun.of(
                    "sweep",
                    spec,
                    "-n",
                    "1",
                    "--launcher",
                    "slurm",
                    "--dry-run",
                    "--out",
                    out.toString())
                .exitCode())
        .isZero();
    Path run = out.resolve("models/TinyCli_s0000");
    try (DirectoryLock held = new RunDirectory(run).tryLock().orElseThrow()) {
      CliRun sweepModel =
          CliRun.of(
              "train",
              out.toString(),
              "--model",
              "TinyCli_s0000",
              "--out",
              run.toString(),
              "--resume",
              "--epochs",
              "1",
              "--dataset",
              "synthetic:64");
      assertThat(sweepModel.exitCode()).as(sweepModel.err()).isZero();
      assertThat(sweepModel.err())
          .contains("TinyCli_s0000 is being trained into " + run + " by another process");
      assertThat(run.resolve("result.json")).doesNotExist();
      assertThat(run.resolve("model.json")).doesNotExist();

      CliRun plain =
          CliRun.of(
              "train",
              spec,
              "--index",
              "0",
              "--out",
              run.toString(),
              "--epochs",
              "1",
              "--dataset",
              "synthetic:64");
      assertThat(plain.exitCode()).isEqualTo(2);
      assertThat(plain.err()).contains("another process is training into " + run);
    }
  }

  @Test
  void oneSweepProcessPerDirectory() throws Exception {
    Path out = dir.resolve("locked");
    try (DirectoryLock lock = SweepDirectory.lock(out)) {
      CliRun run =
          CliRun.of(
              "sweep",
              spec,
              "-n",
              "2",
              "--launcher",
              "slurm",
              "--dry-run",
              "--out",
              out.toString());
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("another designspace sweep is working on " + out);
    }
    assertThat(
            CliRun.of(
                    "sweep",
                    spec,
                    "-n",
                    "2",
                    "--launcher",
                    "slurm",
                    "--dry-run",
                    "--out",
                    out.toString())
                .exitCode())
        .isZero();
  }

  @Test
  void badLauncherInputIsExitCode2WithAMessage() throws IOException {
    CliRun launcher = CliRun.of("sweep", spec, "--launcher", "pbs");
    assertThat(launcher.exitCode()).isEqualTo(2);
    assertThat(launcher.err())
        .contains("--launcher must be local or slurm, got 'pbs'")
        .doesNotContain("\tat ");

    CliRun partition =
        CliRun.of(
            "sweep",
            spec,
            "--launcher",
            "slurm",
            "--partition",
            "gpu; reboot",
            "--dry-run",
            "--out",
            dir.resolve("p").toString());
    assertThat(partition.exitCode()).isEqualTo(2);
    assertThat(partition.err()).contains("--partition must be a Slurm partition name");

    CliRun cpus =
        CliRun.of("sweep", spec, "--launcher", "slurm", "--cpus-per-task", "0", "--dry-run");
    assertThat(cpus.exitCode()).isEqualTo(2);
    assertThat(cpus.err()).contains("--cpus-per-task must be >= 1, got 0");

    CliRun local =
        CliRun.of("sweep", spec, "--max-parallel", "4", "--out", dir.resolve("local").toString());
    assertThat(local.exitCode()).isEqualTo(2);
    assertThat(local.err()).contains("--max-parallel applies only with --launcher slurm");
    assertThat(dir.resolve("local")).doesNotExist();
    CliRun workers = CliRun.of("sweep", spec, "--launcher", "slurm", "--workers", "2", "--dry-run");
    assertThat(workers.exitCode()).isEqualTo(2);
    assertThat(workers.err()).contains("--workers (Slurm runs every model as its own task");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun notASweep = CliRun.of("sweep", empty.toString(), "--status");
    assertThat(notASweep.exitCode()).isEqualTo(2);
    assertThat(notASweep.err()).contains(empty + " is not a sweep directory (no manifest.json)");

    CliRun directory = CliRun.of("sweep", empty.toString());
    assertThat(directory.exitCode()).isEqualTo(2);
    assertThat(directory.err()).contains("is a directory: pass the spec file to sweep");

    CliRun missing = CliRun.of("sweep", dir.resolve("nowhere").toString(), "--status");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--status reads a sweep directory");
  }

  @Test
  void badProxyCheckAndStudyInputIsExitCode2WithAMessage() {
    CliRun tooMany =
        CliRun.of(
            "sweep", spec, "-n", "3", "--check-proxy", "4", "--out", dir.resolve("c1").toString());
    assertThat(tooMany.exitCode()).isEqualTo(2);
    assertThat(tooMany.err())
        .contains("--check-proxy must be between 0 and the sweep's 3 models, got 4")
        .doesNotContain("\tat ");
    CliRun shorter =
        CliRun.of(
            "sweep",
            spec,
            "-n",
            "3",
            "--epochs",
            "2",
            "--check-proxy",
            "2",
            "--check-epochs",
            "2",
            "--out",
            dir.resolve("c2").toString());
    assertThat(shorter.exitCode()).isEqualTo(2);
    assertThat(shorter.err()).contains("--check-epochs must exceed 2, got 2");
    CliRun slurm =
        CliRun.of("sweep", spec, "--launcher", "slurm", "--check-proxy", "2", "--dry-run");
    assertThat(slurm.exitCode()).isEqualTo(2);
    assertThat(slurm.err())
        .contains("--check-proxy/--check-epochs (run the proxy check with the local launcher)");
    CliRun recipe =
        CliRun.of("train", spec, "--recipe", "fast", "--out", dir.resolve("r").toString());
    assertThat(recipe.exitCode()).isEqualTo(2);
    assertThat(recipe.err()).contains("recipe must be proxy or paper, got 'fast'");
    CliRun study =
        CliRun.of(
            "study",
            "--specs",
            spec + "," + dir.resolve("nowhere.yaml"),
            "-n",
            "2",
            "--out",
            dir.resolve("s").toString());
    assertThat(study.exitCode()).isEqualTo(2);
    assertThat(study.err()).contains("spec file not found: " + dir.resolve("nowhere.yaml"));
    CliRun oneModel = CliRun.of("study", "-n", "1");
    assertThat(oneModel.exitCode()).isEqualTo(2);
    assertThat(oneModel.err()).contains("at least 2 models per space");
  }
}
