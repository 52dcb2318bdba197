package dev.designspace.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.command.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code describe --input-size} and {@code --classes} keep to a spec's own limits, and a model too
 * large to count ends with exit 2 and a message, never a stack trace.
 */
class DescribeLimitsTest {
  private static final String ZOO = "specs/zoo-regnetx.yaml";

  private static void assertRefused(SpecMutationPropertyTest.Run run, String message) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: " + message + "\n");
  }

  @Test
  void inputSizeOutsideOneTo4096IsRefused() {
    String why = "(inputs are square images of at most 4096 pixels a side)";
    assertRefused(
        SpecMutationPropertyTest.run("describe", ZOO, "--input-size", "0"),
        "--input-size must be in 1..4096 " + why + ", got 0");
    assertRefused(
        SpecMutationPropertyTest.run("describe", ZOO, "--input-size", "-3"),
        "--input-size must be in 1..4096 " + why + ", got -3");
    assertRefused(
        SpecMutationPropertyTest.run("describe", ZOO, "--input-size", "4097"),
        "--input-size must be in 1..4096 " + why + ", got 4097");
  }

  @Test
  void classesOutsideOneToAMillionAreRefused() {
    String why = "(a classifier head of more than a million classes)";
    assertRefused(
        SpecMutationPropertyTest.run("describe", ZOO, "--classes", "0"),
        "--classes must be in 1..1000000 " + why + ", got 0");
    assertRefused(
        SpecMutationPropertyTest.run("describe", ZOO, "--classes", "1000001"),
        "--classes must be in 1..1000000 " + why + ", got 1000001");
  }

  @Test
  void numbersBeyondAnIntAreAUsageError() {
    var run = SpecMutationPropertyTest.run("describe", ZOO, "--input-size", "99999999999");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err())
        .startsWith("error: Invalid value for option '--input-size': '99999999999' is not an int")
        .doesNotContain("Exception");
  }

  @Test
  void theLimitsThemselvesAreAccepted() {
    var run =
        SpecMutationPropertyTest.run(
            "describe", ZOO, "--input-size", "4096", "--classes", "1000000", "--json");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("\"name\" : \"RegNetX-200MF\"");
  }

  @Test
  void aModelTooLargeToCountEndsWithExit2(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("huge.yaml");
    Files.writeString(
        spec,
        "name: Huge\n"
            + "network: {input: {size: 32, channels: 3}, classes: 10,"
            + " stem: {type: cifar, width: 16}, block: r}\n"
            + "models:\n"
            + "  - name: Deep\n"
            + "    anynet: {depths: [1024], widths: [16384], strides: [1]}\n");
    // at the spec's own input size it counts
    assertThat(SpecMutationPropertyTest.run("describe", spec.toString(), "--json").exitCode())
        .isEqualTo(ExitCodes.OK);
    assertRefused(
        SpecMutationPropertyTest.run("describe", spec.toString(), "--input-size", "4096"),
        spec
            + ": model Deep at input size 4096 has more flops, params or acts than a 64-bit count"
            + " holds; lower --input-size or the model's depths and widths");
  }
}
