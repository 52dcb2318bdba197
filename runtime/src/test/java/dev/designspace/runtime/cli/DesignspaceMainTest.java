package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.generator.testing.Tsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: output, JSON shape, messages and exit codes. */
class DesignspaceMainTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT =
      Path.of(System.getProperty("designspace.root", "..")).toAbsolutePath().normalize();

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static String spec(String name) {
    return ROOT.resolve("specs").resolve(name).toString();
  }

  /** The published zoo table by model name, from the generator's test-jar. */
  private static Map<String, Map<String, String>> published() {
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (Map<String, String> row : Tsv.read("/reference/zoo-published.tsv")) {
      rows.put(row.get("name"), row);
    }
    return rows;
  }

  @Test
  void describeJsonOfBothZoosEqualsThePublishedTable() throws IOException {
    Map<String, Map<String, String>> published = published();
    int seen = 0;
    for (String zoo : List.of("zoo-regnetx.yaml", "zoo-regnety.yaml")) {
      CliRun r = run("describe", spec(zoo), "--json");
      assertThat(r.exitCode()).as(r.err()).isZero();
      JsonNode models = JSON.readTree(r.out());
      assertThat(models.isArray()).isTrue();
      for (JsonNode m : models) {
        Map<String, String> row = published.get(m.get("name").asText());
        assertThat(row).as(m.get("name").asText()).isNotNull();
        assertThat(m.get("depths").toString()).isEqualTo(row.get("stage_depths"));
        assertThat(m.get("widths").toString()).isEqualTo(row.get("stage_widths"));
        assertThat(m.get("groupWidths").toString()).isEqualTo(row.get("stage_group_ws"));
        assertThat(m.get("flops").asLong()).isEqualTo(Long.parseLong(row.get("flops")));
        assertThat(m.get("params").asLong()).isEqualTo(Long.parseLong(row.get("params")));
        assertThat(m.get("acts").asLong()).isEqualTo(Long.parseLong(row.get("acts")));
        assertThat(m.get("seRatio").asDouble())
            .isEqualTo(row.get("se_on").equals("True") ? 0.25 : 0.0);
        for (String key :
            List.of(
                "name",
                "stem",
                "block",
                "seRatio",
                "headWidth",
                "inputSize",
                "inputChannels",
                "classes",
                "depths",
                "widths",
                "strides",
                "bottleneckRatios",
                "groupWidths",
                "flops",
                "params",
                "acts",
                "depth",
                "w0",
                "wa",
                "wm")) {
          assertThat(m.has(key)).as("%s has %s", m.get("name"), key).isTrue();
        }
        seen++;
      }
    }
    assertThat(seen).isEqualTo(24);
  }

  @Test
  void describeR56AtCifarResolution() throws IOException {
    CliRun r = run("describe", spec("cifar-anynets.yaml"), "--json");
    assertThat(r.exitCode()).isZero();
    JsonNode r56 = JSON.readTree(r.out()).get(0);
    assertThat(r56.get("name").asText()).isEqualTo("R-56");
    assertThat(r56.get("flops").asLong()).isEqualTo(125_747_850L);
    assertThat(r56.get("params").asLong()).isEqualTo(855_770L);
    assertThat(r56.get("acts").asLong()).isEqualTo(544_778L);
    assertThat(r56.get("inputSize").asInt()).isEqualTo(32);
    assertThat(r56.get("classes").asInt()).isEqualTo(10);
  }

  @Test
  void describeOverridesInputSizeAndClasses() throws IOException {
    CliRun r =
        run(
            "describe",
            spec("zoo-regnetx.yaml"),
            "--json",
            "--input-size",
            "32",
            "--classes",
            "10");
    JsonNode first = JSON.readTree(r.out()).get(0);
    assertThat(first.get("inputSize").asInt()).isEqualTo(32);
    assertThat(first.get("classes").asInt()).isEqualTo(10);
    assertThat(first.get("flops").asLong()).isLessThan(199_040_872L / 40);
  }

  @Test
  void describeTextShowsStagesAndComplexity() {
    CliRun r = run("describe", spec("zoo-regnetx.yaml"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("RegNetX-200MF  (RegNet d=13 w0=24 wa=36.44 wm=2.49 g=8 b=1)")
        .contains("flops 199,040,872  params 2,684,792  acts 2,164,056");
  }

  @Test
  void sampleJsonHasTheDescribeShapePlusSamplingFields() throws IOException {
    CliRun r = run("sample", spec("regnet-x.yaml"), "-n", "3", "--seed", "5", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode models = JSON.readTree(r.out());
    assertThat(models).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode m = models.get(i);
      assertThat(m.get("sampleIndex").asInt()).isEqualTo(i);
      assertThat(m.get("seed").asLong()).isEqualTo(5);
      assertThat(m.get("name").asText()).isEqualTo(String.format("RegNetX_s%04d", i));
      for (String key :
          List.of("depth", "w0", "wa", "wm", "depths", "widths", "flops", "params", "acts")) {
        assertThat(m.has(key)).as(key).isTrue();
      }
      assertThat(m.get("flops").asLong()).isBetween(360_000_000L, 400_000_000L);
    }
    assertThat(r.err()).contains("sampled 3 models of RegNetX from").contains("seed 5");
    assertThat(run("sample", spec("regnet-x.yaml"), "-n", "3", "--seed", "5", "--json").out())
        .isEqualTo(r.out());
  }

  @Test
  void sampleTextTable() {
    CliRun r = run("sample", spec("anynet-xa.yaml"), "-n", "2");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines().toList()).hasSize(3);
    assertThat(r.out()).contains("AnyNetXA_s0000").contains("AnyNetXA_s0001");
  }

  @Test
  void fitPrintsParametersAndError() throws IOException {
    CliRun r =
        run("fit", "--widths", "24,56,152,152,152,152,368,368,368,368,368,368,368", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode fit = JSON.readTree(r.out());
    assertThat(fit.get("eFit").asDouble()).isZero();
    assertThat(fit.get("w0").asInt()).isEqualTo(24);
    assertThat(fit.get("fittedWidths").toString())
        .isEqualTo("[24,56,152,152,152,152,368,368,368,368,368,368,368]");
    CliRun text = run("fit", "--widths", "32,64,64,160");
    // no RegNet gives these exactly: 64 needs wm <= 2.125, 160 needs wm >= 2.208
    assertThat(text.out()).contains("given  32,64,64,160").doesNotContain("e_fit  0.0000");
  }

  @Test
  void badSpecExitsTwoWithLocationAndNoStackTrace(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        "name: Bad\n"
            + "sample:\n"
            + "  family: anynet\n"
            + "  stages: 2\n"
            + "  depth: {dist: uniform, low: 5, high: 1, q: 1}\n"
            + "  width: 8\n");
    CliRun r = run("sample", bad.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("error: " + bad + ":5:40: sample.depth.high: must be >= low (5), got 1\n");
    assertThat(r.out()).isEmpty();
    CliRun withTrace = run("sample", bad.toString(), "--stacktrace");
    assertThat(withTrace.exitCode()).isEqualTo(2);
    assertThat(withTrace.err()).contains("SpecException").contains("\tat dev.designspace");
  }

  @Test
  void usageErrorsExitTwo() {
    CliRun missing = run("describe", "no-such-spec.yaml");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("error: spec file not found: no-such-spec.yaml\n");
    CliRun unknown = run("describe", spec("zoo-regnetx.yaml"), "--jsn");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option: '--jsn'").contains("--json");
    CliRun noCommand = run();
    assertThat(noCommand.exitCode()).isEqualTo(2);
    CliRun fixed = run("sample", spec("zoo-regnetx.yaml"));
    assertThat(fixed.exitCode()).isEqualTo(2);
    assertThat(fixed.err()).contains("lists fixed models and has no 'sample' section");
    CliRun badWidths = run("fit", "--widths", "24,x");
    assertThat(badWidths.exitCode()).isEqualTo(2);
    CliRun negative = run("sample", spec("regnet-x.yaml"), "-n", "0");
    assertThat(negative.exitCode()).isEqualTo(2);
    assertThat(negative.err()).isEqualTo("error: -n must be >= 1, got 0\n");
  }

  @Test
  void tooTightConstraintsExitTwoWithTheReport(@TempDir Path dir) throws IOException {
    Path tight = dir.resolve("tight.yaml");
    Files.writeString(
        tight,
        String.join(
            "\n",
            "name: Tight",
            "extends: " + spec("regnet-x.yaml"),
            "constraints:",
            "  flops: [1, 2]",
            ""));
    CliRun r = run("sample", tight.toString(), "-n", "2", "--max-candidates", "20000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("error: found only 0 of 2 distinct models of Tight in 20,000 candidates")
        .contains("passed flops:     0 of ")
        .contains("lowest pass rate: 'flops': loosen that constraint");
  }

  @Test
  void helpAndVersionExitZero() {
    CliRun help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("sample")
        .contains("describe")
        .contains("fit")
        .contains("Exit codes");
    for (String command : List.of("sample", "describe", "fit")) {
      CliRun h = run(command, "--help");
      assertThat(h.exitCode()).isZero();
      assertThat(h.out()).contains("Examples:").contains("designspace " + command);
    }
    CliRun version = run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("designspace 0.");
  }

  @Test
  void everyShippedSpecDescribes() throws IOException {
    List<String> failures = new ArrayList<>();
    try (var files = Files.list(ROOT.resolve("specs"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        CliRun r = run("describe", p.toString(), "-n", "2", "--json");
        if (r.exitCode() != 0) {
          failures.add(p + ": " + r.err());
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  /**
   * The runtime's domain errors are the user's to fix: their message, exit 2, no exception name.
   */
  @Test
  void runtimeDomainErrorsAreBadInput(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path nowhere = dir.resolve("nowhere");
    CliRun report = run("report", nowhere.toString());
    assertThat(report.exitCode()).isEqualTo(2);
    assertThat(report.err()).isEqualTo("error: " + nowhere + " is not a sweep directory\n");
    CliRun predict = run("predict", nowhere.toString());
    assertThat(predict.exitCode()).isEqualTo(2);
    assertThat(predict.err())
        .isEqualTo("error: " + nowhere + " is not a SavedModel directory (no saved_model.pb)\n");
    CliRun status = run("sweep", dir.toString(), "--status");
    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(status.err())
        .isEqualTo(
            "error: "
                + dir
                + " is not a sweep directory (no manifest.json); sweep a spec"
                + " into it first\n");
  }
}
