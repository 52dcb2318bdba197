package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** sweep's launcher options and --status as a user meets them; nothing here needs Slurm or trains. */
class SweepCommandTest {
  @TempDir static Path dir;
  static String spec;

  record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DesignspaceMain.newCommandLine(args);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @BeforeAll
  static void writeSpec() throws IOException {
    Path file = dir.resolve("tiny.yaml");
    Files.writeString(file, String.join("\n",
        "name: TinyCli",
        "network: {input: {size: 8, channels: 1}, classes: 4, stem: {type: cifar, width: 8}, block: x}",
        "sample: {family: anynet, stages: 1, depth: {dist: uniform, low: 1, high: 2, q: 1},",
        "  width: {dist: uniform, low: 8, high: 24, q: 8}, group_width: [4, 8]}",
        ""));
    spec = file.toString();
  }

  @Test
  void dryRunWritesTheScriptAndSubmitsNothing() throws Exception {
    Path out = dir.resolve("dry");
    Run run = run("sweep", spec, "-n", "3", "--epochs", "1", "--dataset", "synthetic:64", "--launcher", "slurm",
        "--max-parallel", "2", "--time-limit", "30", "--dry-run", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path script = out.resolve("slurm/sweep.sbatch");
    assertThat(run.out()).contains("wrote " + script + " for 3 models (0 with a result, 0 already queued); submit it with:")
        .contains("sbatch --parsable --chdir " + out.toAbsolutePath());
    assertThat(Files.readString(script)).contains("#SBATCH --array=0-2%2", "#SBATCH --time=30",
        "'--dataset'\n  'synthetic:64'");
    Process syntax = new ProcessBuilder("bash", "-n", script.toString()).start();
    assertThat(syntax.waitFor()).isZero();
    assertThat(out.resolve("slurm/jobs.json")).doesNotExist();
    assertThat(out.resolve("classes/dev/designspace/models/TinyCli_s0002.class")).exists();

    Run status = run("sweep", out.toString(), "--status");
    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).isEqualTo(out + ": 3 models: done 0, failed 0, diverged 0, unfinished 3\n");
  }

  @Test
  void badLauncherInputIsExitCode2WithAMessage() throws IOException {
    Run launcher = run("sweep", spec, "--launcher", "pbs");
    assertThat(launcher.exitCode()).isEqualTo(2);
    assertThat(launcher.err()).contains("--launcher must be local or slurm, got 'pbs'").doesNotContain("\tat ");

    Run partition = run("sweep", spec, "--launcher", "slurm", "--partition", "gpu; reboot", "--dry-run", "--out",
        dir.resolve("p").toString());
    assertThat(partition.exitCode()).isEqualTo(2);
    assertThat(partition.err()).contains("--partition must be a Slurm partition name");

    Run cpus = run("sweep", spec, "--launcher", "slurm", "--cpus-per-task", "0", "--dry-run");
    assertThat(cpus.exitCode()).isEqualTo(2);
    assertThat(cpus.err()).contains("--cpus-per-task must be >= 1, got 0");

    Run local = run("sweep", spec, "--max-parallel", "4", "--out", dir.resolve("local").toString());
    assertThat(local.exitCode()).isEqualTo(2);
    assertThat(local.err()).contains("--max-parallel applies only with --launcher slurm");
    assertThat(dir.resolve("local")).doesNotExist();
    Run workers = run("sweep", spec, "--launcher", "slurm", "--workers", "2", "--dry-run");
    assertThat(workers.exitCode()).isEqualTo(2);
    assertThat(workers.err()).contains("--workers (Slurm runs every model as its own task");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    Run notASweep = run("sweep", empty.toString(), "--status");
    assertThat(notASweep.exitCode()).isEqualTo(2);
    assertThat(notASweep.err()).contains(empty + " is not a sweep directory (no manifest.json)");

    Run directory = run("sweep", empty.toString());
    assertThat(directory.exitCode()).isEqualTo(2);
    assertThat(directory.err()).contains("is a directory: pass the spec file to sweep");

    Run missing = run("sweep", dir.resolve("nowhere").toString(), "--status");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--status reads a sweep directory");
  }
}
