package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.runtime.sweep.TinySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes on the command line end before any training, with exit 2 and what to do. */
class CommandLineMistakesTest {
  @TempDir Path dir;

  @Test
  void noWorkersIsBadInput() throws Exception {
    Path spec = TinySpec.write(dir, "Tiny");
    CliRun sweep = CliRun.of("sweep", spec.toString(), "--workers", "0", "--out", dir + "/s");
    assertThat(sweep.exitCode()).isEqualTo(2);
    assertThat(sweep.err()).contains("--workers must be >= 1, got 0").doesNotContain("Exception");
  }

  @Test
  void twoSpecsOfOneNameCannotShareAnOutDirectory() throws Exception {
    Path spec = TinySpec.write(dir, "Tiny");
    Path other = TinySpec.write(Files.createDirectories(dir.resolve("elsewhere")), "Tiny");
    CliRun compare = CliRun.of("compare", spec.toString(), other.toString(), "--out", dir + "/c");
    assertThat(compare.exitCode()).isEqualTo(2);
    assertThat(compare.err()).contains("two of the specs are named tiny.yaml");
    assertThat(dir.resolve("c")).doesNotExist();
  }

  @Test
  void aScheduleIsCheckedBeforeAnySweepStarts() throws Exception {
    Path a = TinySpec.write(dir, "TinyA");
    Path b = TinySpec.write(dir, "TinyB");
    CliRun study =
        CliRun.of(
            "study",
            "--specs",
            a + "," + b,
            "--until-decided",
            "--first-look",
            "1",
            "--out",
            dir + "/st");
    assertThat(study.exitCode()).isEqualTo(2);
    assertThat(study.err()).contains("the first look needs at least 2 models per space, got 1");
    assertThat(study.err()).doesNotContain("study:");
    assertThat(dir.resolve("st")).doesNotExist();
  }
}
