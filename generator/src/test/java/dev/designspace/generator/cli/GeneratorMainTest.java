package dev.designspace.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The generator runs on its own: gen without TensorFlow anywhere on the classpath. */
class GeneratorMainTest {

  @Test
  void tensorFlowIsNotOnTheGeneratorsClasspath() {
    assertThatThrownBy(() -> Class.forName("org.tensorflow.Graph"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void genWritesSourcesAndManifestAndIsRepeatable(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("src");
    String[] args = {
      "gen",
      "specs/fmnist-anynet-xa.yaml",
      "specs/cifar-anynets.yaml",
      "-n",
      "4",
      "--seed",
      "9",
      "--package",
      "com.example.models",
      "--out",
      out.toString()
    };
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    CommandLine cli = FailureHandler.install(new CommandLine(new GeneratorMain()));
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stderr));
    assertThat(cli.execute(args)).as(stderr.toString()).isZero();
    assertThat(stdout.toString().lines().toList())
        .containsExactly(
            "com.example.models.FmnistAnyNetXA_s0000",
            "com.example.models.FmnistAnyNetXA_s0001",
            "com.example.models.FmnistAnyNetXA_s0002",
            "com.example.models.FmnistAnyNetXA_s0003",
            "com.example.models.R56",
            "com.example.models.R110",
            "com.example.models.V56");
    assertThat(stderr.toString())
        .contains("generated 7 models into " + out + " (8 files written, 0 unchanged, 0 removed)");
    String r56 = Files.readString(out.resolve("com/example/models/R56.java"));
    assertThat(r56)
        .contains(
            "designspace gen specs/fmnist-anynet-xa.yaml specs/cifar-anynets.yaml -n 4 --seed 9"
                + " --package com.example.models");

    StringWriter again = new StringWriter();
    cli.setErr(new PrintWriter(again));
    assertThat(cli.execute(args)).isZero();
    assertThat(again.toString()).contains("(0 files written, 7 unchanged, 0 removed)");
    assertThat(Files.readString(out.resolve("com/example/models/R56.java"))).isEqualTo(r56);
  }

  @Test
  void badPackageAndCollidingNamesAreBadInput(@TempDir Path dir) throws Exception {
    StringWriter stderr = new StringWriter();
    String[] args = {
      "gen", "specs/cifar-anynets.yaml", "--package", "com.example.int", "--out", dir.toString()
    };
    CommandLine cli = FailureHandler.install(new CommandLine(new GeneratorMain()));
    cli.setErr(new PrintWriter(stderr));
    assertThat(cli.execute(args)).isEqualTo(2);
    assertThat(stderr.toString())
        .isEqualTo(
            "error: 'com.example.int' is not a Java package name (dot-separated identifiers, no"
                + " keywords)\n");

    Path spec = dir.resolve("twins.yaml");
    Files.writeString(
        spec,
        "name: Twins\nnetwork: {block: r}\nmodels:\n"
            + "  - name: Net-A\n    anynet: {depths: [1], widths: [8]}\n"
            + "  - name: NetA\n    anynet: {depths: [1], widths: [16]}\n");
    StringWriter err2 = new StringWriter();
    String[] args2 = {"gen", spec.toString(), "--out", dir.resolve("o").toString()};
    CommandLine cli2 = FailureHandler.install(new CommandLine(new GeneratorMain()));
    cli2.setErr(new PrintWriter(err2));
    assertThat(cli2.execute(args2)).isEqualTo(2);
    assertThat(err2.toString()).contains("models 'Net-A' and 'NetA' would both be class NetA");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  /**
   * describe shows a fixed AnyNet as written, and a group width that does not divide w_b is exit 2.
   */
  @Test
  void describeFixedAnyNetAsWrittenAndRefuseIndivisibleGroupWidths(@TempDir Path dir)
      throws Exception {
    String network =
        "network: {input: {size: 28, channels: 1}, classes: 10, stem: {type: cifar, width: 16},"
            + " block: x}\n";
    Path ok = dir.resolve("ok.yaml");
    Files.writeString(
        ok,
        "name: Ok\n"
            + network
            + "models:\n"
            + "  - name: M\n"
            + "    anynet: {depths: [1, 1, 1], widths: [26, 58, 122], bottleneck_ratios: [4, 4, 4],"
            + " group_widths: [2, 2, 2]}\n");
    StringWriter stdout = new StringWriter();
    String[] args = {"describe", ok.toString()};
    CommandLine cli = FailureHandler.install(new CommandLine(new GeneratorMain()));
    cli.setOut(new PrintWriter(stdout));
    assertThat(cli.execute(args)).isZero();
    assertThat(stdout.toString())
        .contains(
            "  stage  depth  width  stride  b      w_b    g      groups\n"
                + "  1      1      26     2       4      6      2      3\n"
                + "  2      1      58     2       4      14     2      7\n"
                + "  3      1      122    2       4      30     2      15\n"
                + "  flops 785,718  params 19,158  acts 43,594\n");

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        "name: Bad\n"
            + network
            + "models:\n"
            + "  - name: M\n"
            + "    anynet: {depths: [1, 1, 1], widths: [26, 58, 122], bottleneck_ratios: [4, 4, 4],"
            + " group_widths: [2, 4, 2]}\n");
    StringWriter stderr = new StringWriter();
    String[] args2 = {"describe", bad.toString()};
    CommandLine cli2 = FailureHandler.install(new CommandLine(new GeneratorMain()));
    cli2.setErr(new PrintWriter(stderr));
    assertThat(cli2.execute(args2)).isEqualTo(2);
    assertThat(stderr.toString())
        .startsWith(
            "error: "
                + bad
                + ":5:104: models[0].anynet.group_widths[1]: bottleneck"
                + " width w_b = round_half_even(58 / 4) = 14 is not divisible by group width 4");
  }
}
