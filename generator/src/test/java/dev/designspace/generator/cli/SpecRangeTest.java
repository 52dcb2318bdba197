package dev.designspace.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.command.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistyped numbers that used to escape validation (found by {@link SpecMutationPropertyTest}): each
 * is now refused at its line and column with the allowed range, exit 2.
 */
class SpecRangeTest {
  private static final String NETWORK =
      "network: {input: {size: 28, channels: 1}, classes: 10, stem: {type: cifar, width: 16},"
          + " block: x}\n";

  private static SpecMutationPropertyTest.Run refused(Path dir, String yaml) throws Exception {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, yaml);
    SpecMutationPropertyTest.Run run = SpecMutationPropertyTest.run("describe", spec.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
    SpecMutationPropertyTest.assertOutcome(spec);
    return run;
  }

  @Test
  void hugeWidthIsRefusedNotNarrowed(@TempDir Path dir) throws Exception {
    var run =
        refused(
            dir,
            "name: W\n"
                + NETWORK
                + "models:\n  - name: M\n"
                + "    anynet: {depths: [1, 1], widths: [16, 9999999999999]}\n");
    assertThat(run.err())
        .isEqualTo(
            "error: "
                + dir.resolve("s.yaml")
                + ":5:43: models[0].anynet.widths[1]: must be <= 16384 (channel counts above 16384"
                + " are beyond any network this tool builds), got 9999999999999\n");
  }

  @Test
  void tinyBottleneckRatioIsRefusedBeforeWidthsOverflow(@TempDir Path dir) throws Exception {
    var run =
        refused(
            dir,
            "name: B\n"
                + NETWORK
                + "models:\n"
                + "  - name: M\n"
                + "    regnet: {depth: 7, w0: 24, wa: 32.6, wm: 2.49, group_width: 8,"
                + " bottleneck_ratio: 0.0000001}\n");
    assertThat(run.err())
        .contains(
            ":5:86: models[0].regnet.bottleneck_ratio: bottleneck ratio must be in [1/64, 64]");
  }

  /**
   * Shrunk from fmnist-regnet-x.yaml: b = 1e13 made widths 2147483647 and a sampled candidate fail.
   */
  @Test
  void hugeSampledBottleneckRatioIsRefusedAtTheValues(@TempDir Path dir) throws Exception {
    var run =
        refused(
            dir,
            "name: S\n"
                + NETWORK
                + "sample:\n"
                + "  family: regnet\n"
                + "  depth: {dist: uniform, low: 3, high: 16, q: 1}\n"
                + "  w0: 16\n"
                + "  wa: 8\n"
                + "  wm: 2\n"
                + "  bottleneck_ratio: {dist: choice, values: [9999999999999, 2, 4]}\n"
                + "  group_width: 8\n");
    assertThat(run.err())
        .contains(
            ":9:44: sample.bottleneck_ratio.values: must be <= 64 (a larger b leaves bottlenecks of"
                + " a channel or two)");
  }

  @Test
  void sampledHighEndAboveTheLimitIsRefusedAtHigh(@TempDir Path dir) throws Exception {
    var run =
        refused(
            dir,
            "name: D\n"
                + NETWORK
                + "sample:\n  family: anynet\n  stages: 2\n"
                + "  depth: {dist: uniform, low: 1, high: 100000, q: 1}\n  width: 16\n");
    assertThat(run.err()).contains(":6:40: sample.depth.high: must be <= 1024");
  }

  /**
   * Every number in range, but the network is too large for a 64-bit count: refused at the model.
   */
  @Test
  void complexityOverflowIsBadInputAtTheModel(@TempDir Path dir) throws Exception {
    var run =
        refused(
            dir,
            "name: O\nnetwork: {input: {size: 4096, channels: 3}, block: x}\nmodels:\n  - name: M\n"
                + "    anynet: {depths: [1024], widths: [16384], strides: [1]}\n");
    assertThat(run.err())
        .contains(
            ":5:13: models[0].anynet: the model has more flops, params or acts than a 64-bit"
                + " count holds");
  }
}
