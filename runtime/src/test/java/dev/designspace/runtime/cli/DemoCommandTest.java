package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.runtime.sweep.TinySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo on two tiny spaces: one sweep directory per space, each with its own report. */
class DemoCommandTest {
  @Test
  void demoWritesTheComparisonAndEachSweepsOwnReport(@TempDir Path dir) throws Exception {
    Path first = TinySpec.write(dir, "TinyDemoFirst");
    Path second = TinySpec.write(dir, "TinyDemoSecond");
    Path out = dir.resolve("demo");
    CliRun demo =
        CliRun.of(
            "demo",
            "--specs",
            first + "," + second,
            "-n",
            "3",
            "--epochs",
            "1",
            "--dataset",
            "synthetic:256",
            "--train-limit",
            "256",
            "--test-limit",
            "64",
            "--workers",
            "1",
            "--out",
            out.toString());
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out()).startsWith("report: " + out.resolve("report.html"));
    assertThat(Files.readString(out.resolve("report.html")))
        .contains("TinyDemoFirst  n=")
        .contains("TinyDemoSecond  n=");
    for (String space : new String[] {"TinyDemoFirst", "TinyDemoSecond"}) {
      Path sweep = out.resolve(space.toLowerCase(java.util.Locale.ROOT));
      assertThat(sweep.resolve("sweep.json")).isRegularFile();
      String own = Files.readString(sweep.resolve("report.html"));
      assertThat(own).contains(space + "  n=");
      assertThat(sweep.resolve("edf.svg")).isRegularFile();
    }
  }
}
