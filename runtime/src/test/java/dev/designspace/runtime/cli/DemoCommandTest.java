package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            "--no-until-decided",
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
    assertThat(demo.out())
        .contains("TinyDemoSecond is ")
        .contains(" TinyDemoFirst (3 and 3 models)");
  }

  /**
   * Until decided: a look after 3 models per space, then after 5, the last; each look recorded; the
   * verdict printed with its effects; a rerun continues from the record and trains nothing.
   */
  @Test
  void demoRunsUntilDecidedAndResumesFromItsLastLook(@TempDir Path dir) throws Exception {
    Path first = TinySpec.write(dir, "TinySeqFirst");
    Path second = TinySpec.write(dir, "TinySeqSecond");
    Path out = dir.resolve("demo");
    String[] args = {
      "demo",
      "--specs",
      first + "," + second,
      "--first-look",
      "3",
      "--round",
      "2",
      "--max-models",
      "5",
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
      out.toString()
    };
    CliRun demo = CliRun.of(args);
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.err()).contains("look 1 of at most 2: 3 models per space (6 to train)");
    assertThat(demo.out())
        .contains("Run until decided: a look at 3 models per space, then every 2 more, up to 5")
        .contains("Stopped after look ")
        .contains("TinySeqSecond is ")
        .contains("shift ")
        .contains("P(TinySeqSecond beats TinySeqFirst)")
        .contains("one-sided KS p = ");
    JsonNode looks = new ObjectMapper().readTree(out.resolve("looks.json").toFile());
    int made = looks.get("looks").size();
    assertThat(made).isBetween(1, 2);
    assertThat(looks.get("looks").get(0).get("models").asInt()).isEqualTo(3);
    assertThat(looks.get("stopped").asText()).isIn("decided", "max-models");
    String firstResults = listResults(out);
    CliRun again = CliRun.of(args);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).doesNotContain("look 1 of");
    assertThat(listResults(out)).isEqualTo(firstResults);
    assertThat(new ObjectMapper().readTree(out.resolve("looks.json").toFile()).get("looks").size())
        .isEqualTo(made);
    // the same directory with another schedule is refused, with what to do
    String[] other = args.clone();
    other[6] = "3";
    CliRun refused = CliRun.of(other);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("holds a sequential run of another design");
  }

  /** A budget that the first round already used up stops the run before the next round. */
  @Test
  void aBudgetStopsBeforeTheNextRoundAndARerunContinues(@TempDir Path dir) throws Exception {
    Path first = TinySpec.write(dir, "TinyBudgetFirst");
    Path second = TinySpec.write(dir, "TinyBudgetSecond");
    Path out = dir.resolve("demo");
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "demo",
                "--specs",
                first + "," + second,
                "--first-look",
                "2",
                "--round",
                "2",
                "--max-models",
                "6",
                "--margin",
                "0",
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
                out.toString(),
                "--budget",
                "1s"));
    CliRun demo = CliRun.of(args.toArray(String[]::new));
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    JsonNode looks = new ObjectMapper().readTree(out.resolve("looks.json").toFile());
    // two models per space cannot decide anything (the smallest one-sided KS p is 1/6), so only
    // the budget can stop this run
    assertThat(looks.get("stopped").asText()).isEqualTo("budget");
    assertThat(looks.get("looks").size()).isEqualTo(1);
    assertThat(demo.err()).contains("would end after the budget of 1 s");
    assertThat(demo.out()).contains("the next round would have ended after the budget of 1 s");
    args.set(args.size() - 1, "1h");
    CliRun more = CliRun.of(args.toArray(String[]::new));
    assertThat(more.exitCode()).as(more.err()).isZero();
    assertThat(more.err()).contains("look 2 of at most 3: 4 models per space");
  }

  private static String listResults(Path out) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(out)) {
      return files
          .filter(p -> p.getFileName().toString().equals("result.json"))
          .map(p -> p + ":" + p.toFile().lastModified())
          .sorted()
          .collect(java.util.stream.Collectors.joining("\n"));
    }
  }
}
