package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.runtime.refine.SyntheticSweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code designspace refine} end to end: exit codes, what it prints, the file describe loads. */
class RefineCommandTest {
  @TempDir Path tmp;

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private Path wmSweep() throws IOException {
    return SyntheticSweep.regNet(tmp.resolve("sweep"), 60, 1, v -> 5 + 6 * log2(v.get("wm") / 1.5));
  }

  @Test
  void writesTheRefinedSpecBesideTheSweepAndDescribeLoadsIt() throws IOException {
    Path sweep = wmSweep();

    CliRun r = CliRun.of("refine", sweep.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    Path file = sweep.resolve("refined.yaml");
    assertThat(file).exists();
    assertThat(r.out())
        .contains("60 done models; each test at 0.05")
        .contains("  proposed     wm range -> {dist: log_uniform, low: 1.5, high: 2.038, q: 0.001}")
        .contains("  not proposed depth range")
        .contains("wrote " + file.toAbsolutePath().normalize() + " (FmnistRegNetX-R1)")
        .contains("next: designspace sweep ");

    CliRun described = CliRun.of("describe", file.toString(), "-n", "2");
    assertThat(described.exitCode()).as(described.err()).isEqualTo(0);
    assertThat(described.out()).contains("FmnistRegNetX-R1");
  }

  @Test
  void outElsewhereExtendsTheSweepSpecByARelativePath() throws IOException {
    Path sweep = wmSweep();
    Path out = tmp.resolve("specs/next/regnet-r1.yaml");

    CliRun r = CliRun.of("refine", sweep.toString(), "--out", out.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(Files.readString(out)).contains("extends: ../../sweep/spec.yaml\n");
    assertThat(sweep.resolve("refined.yaml")).doesNotExist();
    CliRun described = CliRun.of("describe", out.toString(), "-n", "1");
    assertThat(described.exitCode()).as(described.err()).isEqualTo(0);
  }

  @Test
  void noSupportedRestrictionExitsTwoWithTheReasonAndWritesNothing() throws IOException {
    Random noise = new Random(7);
    Path sweep = SyntheticSweep.regNet(tmp.resolve("sweep"), 60, 2, v -> 10 + noise.nextDouble());

    CliRun r = CliRun.of("refine", sweep.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("the sweep supports no restriction (each candidate's reason is printed above)")
        .doesNotContain("Exception");
    assertThat(r.out()).contains("  not proposed wm range").doesNotContain("  proposed ");
    assertThat(sweep.resolve("refined.yaml")).doesNotExist();
  }

  @Test
  void notASweepOrTooFewModelsExitTwo() throws IOException {
    CliRun missing = CliRun.of("refine", tmp.resolve("nowhere").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("is not a sweep directory");

    Path small = SyntheticSweep.regNet(tmp.resolve("small"), 8, 1, v -> v.get("wm"));
    CliRun few = CliRun.of("refine", small.toString());
    assertThat(few.exitCode()).isEqualTo(2);
    assertThat(few.err()).contains("has 8 done models; refining needs at least 20");

    CliRun badAlpha = CliRun.of("refine", small.toString(), "--alpha", "2");
    assertThat(badAlpha.exitCode()).isEqualTo(2);
    assertThat(badAlpha.err()).contains("alpha must be in (0, 1), got 2.0");
  }
}
