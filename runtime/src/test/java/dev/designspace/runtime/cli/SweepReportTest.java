package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.runtime.sweep.TinySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local sweep writes its own report when its models are done; status writes it when every model
 * has finished and points to it.
 */
class SweepReportTest {
  @Test
  void aFinishedSweepHoldsItsReportAndStatusPrintsItsPath(@TempDir Path dir) throws Exception {
    Path spec = TinySpec.write(dir, "TinyReportSpace");
    Path out = dir.resolve("sweep");
    CliRun sweep =
        CliRun.of(
            "sweep",
            spec.toString(),
            "-n",
            "3",
            "--workers",
            "1",
            "--epochs",
            "1",
            "--dataset",
            "synthetic:256",
            "--batch-size",
            "32",
            "--test-limit",
            "64",
            "--out",
            out.toString());
    assertThat(sweep.exitCode()).as(sweep.err()).isZero();
    Path report = out.resolve("report.html");
    assertThat(sweep.out()).contains("report: " + report.toAbsolutePath().normalize());
    assertThat(report).isRegularFile();
    assertThat(out.resolve("edf.svg")).isRegularFile();
    assertThat(out.resolve("error-vs-flops-tiny-report-space.svg")).isRegularFile();
    assertThat(Files.readString(report)).contains("TinyReportSpace  n=");

    // as for a Slurm sweep, whose tasks write no report: status writes it once all have finished
    Files.delete(report);
    Files.delete(out.resolve("edf.svg"));
    CliRun status = CliRun.of("sweep", "status", out.toString());
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("report: " + report);
    assertThat(report).isRegularFile();
    assertThat(out.resolve("edf.svg")).isRegularFile();
  }
}
