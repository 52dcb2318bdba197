package dev.designspace.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps of one space under different training settings: each goes by a label that says what sets
 * it apart, everywhere the report names it; the settings head the report; a trend across them.
 */
class SweepLabelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The options every fixture model was trained with, as result.json records them. */
  private static Map<String, Object> options(int epochs, double lr) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("epochs", epochs);
    o.put("batchSize", 128);
    o.put("baseLr", lr);
    o.put("weightDecay", 5e-5);
    o.put("seed", 0);
    o.put("threads", 1); // where it ran: never a difference
    o.put("augmentation", "CROP_FLIP");
    o.put("recipe", "proxy");
    return o;
  }

  /** A sweep directory of space {@code space} whose models have {@code errors}. */
  private static Path sweep(
      Path root, String dir, String space, Map<String, Object> options, double... errors)
      throws IOException {
    return FakeSweep.write(root.resolve(dir), space, null, options, errors);
  }

  private static double[] errors(double first, double step, int n) {
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      e[i] = first + step * ((i * 5) % n); // a fixed shuffle, so that error and flops differ
    }
    return e;
  }

  @Test
  void sweepsOfOneSpaceAreToldApartByTheSettingTheyDifferIn(@TempDir Path root) throws Exception {
    Path one = sweep(root, "e1", "TinyRel", options(1, 0.1), errors(50, 1, 8));
    Path two = sweep(root, "e2", "TinyRel", options(2, 0.1), errors(20, 1, 8));
    ReportBuilder.Report report = ReportBuilder.build(List.of(one, two), root.resolve("r.html"));

    assertThat(report.summary())
        .anyMatch(l -> l.startsWith("TinyRel (epochs 1): 8 models (8 done), error min 50.00%"))
        .anyMatch(l -> l.startsWith("TinyRel (epochs 2): 8 models (8 done), error min 20.00%"))
        .anyMatch(l -> l.contains("TinyRel (epochs 2) is better than TinyRel (epochs 1)"));
    assertThat(report.bestModel()).contains("of TinyRel (epochs 2)");
    assertThat(report.figures().stream().map(f -> f.getFileName().toString()))
        .contains("error-vs-flops-tiny-rel-epochs-1.svg", "error-vs-flops-tiny-rel-epochs-2.svg");
    String edf = Files.readString(root.resolve("edf.svg"));
    assertThat(edf).contains("TinyRel (epochs 1)  n=8").contains("TinyRel (epochs 2)  n=8");
    assertThat(Files.readString(root.resolve("error-vs-flops-tiny-rel-epochs-2.svg")))
        .contains("TinyRel (epochs 2)");
    // the header: every setting of both sweeps, the differing one marked; where it ran left out
    String html = Files.readString(report.file());
    assertThat(html)
        .contains("<tr class=\"differs\"><td>&ne; epochs</td><td>1</td><td>2</td></tr>")
        .contains("<tr><td>lr</td><td>0.1</td><td>0.1</td></tr>")
        .contains("<tr><td>augment</td><td>crop-flip</td><td>crop-flip</td></tr>")
        .contains("<tr><td>dataset</td><td>synthetic</td><td>synthetic</td></tr>")
        .doesNotContain("<td>threads</td>");
    JsonNode sweeps = JSON.readTree(root.resolve("sweeps.json").toFile());
    assertThat(sweeps.has("TinyRel (epochs 1)") && sweeps.has("TinyRel (epochs 2)")).isTrue();
    assertThat(Files.readAllLines(root.resolve("models.csv")))
        .anyMatch(l -> l.startsWith("\"TinyRel (epochs 2)\",\"TinyRel_s0000\",done,20.0,"));

    // a browser holds two legends that differ, and draws them differently: the EDF figure as
    // drawn, against the same figure with the two labels swapped, which leaves it unchanged only
    // where the labels look alike (and a second drawing of the original shows the drawing is
    // repeatable)
    HeadlessChromium.Loaded browser = HeadlessChromium.load(report.file(), root);
    assertThat(browser.dom())
        .contains("TinyRel (epochs 1)  n=8 | min 50.0")
        .contains("TinyRel (epochs 2)  n=8 | min 20.0");
    assertThat(browser.console()).isEmpty();
    Path swapped = root.resolve("edf-swapped.svg");
    Files.writeString(
        swapped,
        edf.replace("(epochs 1)", "(epochs #)")
            .replace("(epochs 2)", "(epochs 1)")
            .replace("(epochs #)", "(epochs 2)"));
    var drawn = HeadlessChromium.screenshot(root.resolve("edf.svg"), root, 800, 600);
    var again = HeadlessChromium.screenshot(root.resolve("edf.svg"), root, 800, 600);
    var labelsSwapped = HeadlessChromium.screenshot(swapped, root, 800, 600);
    assertThat(HeadlessChromium.samePixels(drawn, again)).as("a repeatable drawing").isTrue();
    assertThat(HeadlessChromium.samePixels(drawn, labelsSwapped))
        .as("the legends' labels drawn alike")
        .isFalse();
  }

  @Test
  void theUsersLabelWinsAndTwoAlikeAreRefused(@TempDir Path root) throws Exception {
    Path one = sweep(root, "e1", "TinyRel", options(1, 0.1), errors(50, 1, 8));
    Path two = sweep(root, "e2", "TinyRel", options(2, 0.1), errors(20, 1, 8));
    CliRun run =
        CliRun.of(
            "report",
            one + "=short",
            two + "=long training",
            "--out",
            root.resolve("r.html").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("short: 8 models (8 done)")
        .contains("long training: 8 models (8 done)")
        .contains("long training is better than short");
    assertThat(root.resolve("error-vs-flops-long-training.svg")).isRegularFile();
    assertThat(Files.readString(root.resolve("edf.svg"))).contains("long training  n=8");

    CliRun same =
        CliRun.of("report", one + "=x", two + "=x", "--out", root.resolve("s.html").toString());
    assertThat(same.exitCode()).isEqualTo(2);
    assertThat(same.err()).contains("two sweeps are labelled 'x'");
    CliRun empty = CliRun.of("report", root.resolve("nowhere") + "=", "--out", "x.html");
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.err()).contains("is not DIR=LABEL");
  }

  /**
   * What is not a difference: a setting one sweep does not know, and seeds (replicates, no trend);
   * what a user cannot do: take another sweep's name, or label one directory twice.
   */
  @Test
  void unknownSettingsAndSeedsAreNoDifferenceAndLabelsStayUnambiguous(@TempDir Path root)
      throws Exception {
    Map<String, Object> noRecipe = options(1, 0.1);
    noRecipe.remove("recipe"); // trained before recipes were recorded: the paper's
    Map<String, Object> paper = options(2, 0.1);
    paper.put("recipe", "paper");
    Path old = sweep(root, "old", "TinyRel", noRecipe, errors(50, 1, 4));
    Path newer = sweep(root, "new", "TinyRel", paper, errors(40, 1, 4));
    ReportBuilder.Report report = ReportBuilder.build(List.of(old, newer), root.resolve("r.html"));
    assertThat(report.summary())
        .anyMatch(l -> l.startsWith("TinyRel (epochs 1): 4 models"))
        .anyMatch(l -> l.startsWith("TinyRel (epochs 2): 4 models"));

    Map<String, Object> seed1 = options(1, 0.1);
    seed1.put("seed", 1);
    Path a = sweep(root, "s0", "TinyRel", options(1, 0.1), errors(50, 1, 4));
    Path b = sweep(root, "s1", "TinyRel", seed1, errors(40, 1, 4));
    ReportBuilder.Report replicates = ReportBuilder.build(List.of(a, b), root.resolve("s.html"));
    assertThat(replicates.summary())
        .anyMatch(l -> l.startsWith("TinyRel (train seed 0): 4 models"))
        .noneMatch(l -> l.contains("median error by"));
    assertThat(root.resolve("trend-tiny-rel-train-seed.svg")).doesNotExist();

    // two sweeps at one learning rate and one at another: the first two told apart by their
    // directories too, and no trend through two points at one value
    Path a2 = sweep(root, "s0b", "TinyRel", options(1, 0.1), errors(48, 1, 4));
    Path c = sweep(root, "lr-0.2", "TinyRel", options(1, 0.2), errors(45, 1, 4));
    ReportBuilder.Report two = ReportBuilder.build(List.of(a, a2, c), root.resolve("t.html"));
    assertThat(two.summary())
        .anyMatch(l -> l.startsWith("TinyRel (lr 0.1, s0): 4 models"))
        .anyMatch(l -> l.startsWith("TinyRel (lr 0.1, s0b): 4 models"))
        .anyMatch(l -> l.startsWith("TinyRel (lr 0.2): 4 models"))
        .noneMatch(l -> l.contains("median error by"));

    Path other = sweep(root, "other", "Other", options(1, 0.1), errors(30, 1, 4));
    assertThatThrownBy(
            () ->
                ReportBuilder.build(
                    List.of(a, other),
                    root.resolve("u.html"),
                    List.of(),
                    ReportOptions.DEFAULTS.withLabels(Map.of(0, "Other"))))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("the label 'Other' is what " + other + " is called");
    CliRun twice =
        CliRun.of("report", a + "=x", a + "=y", "--out", root.resolve("v.html").toString());
    assertThat(twice.exitCode()).as(twice.err()).isZero();
    assertThat(twice.out()).contains("x: 4 models").contains("y: 4 models");

    // a directory with '=' in its name, labelled
    Path equals = sweep(root, "lr=0.1", "Eq", options(1, 0.1), errors(30, 1, 4));
    CliRun labelled =
        CliRun.of("report", equals + "=mine", "--out", root.resolve("w.html").toString());
    assertThat(labelled.exitCode()).as(labelled.err()).isZero();
    assertThat(labelled.out()).contains("mine: 4 models");
  }

  /** Alike in every setting: the directory's name sets them apart. */
  @Test
  void sweepsAlikeInEverySettingGoByTheirDirectories(@TempDir Path root) throws Exception {
    Path one = sweep(root, "first", "TinyRel", options(1, 0.1), errors(50, 5, 4));
    Path two = sweep(root, "second", "TinyRel", options(1, 0.1), errors(40, 5, 4));
    ReportBuilder.Report report = ReportBuilder.build(List.of(one, two), root.resolve("r.html"));
    assertThat(report.summary())
        .anyMatch(l -> l.startsWith("TinyRel (first): 4 models"))
        .anyMatch(l -> l.startsWith("TinyRel (second): 4 models"));
    assertThat(Files.readString(report.file())).contains("The\nsweeps share every setting.");
    // the same directory twice: still two labels
    assertThat(SweepLabels.of(List.of(SweepData.load(one), SweepData.load(one)), Map.of()))
        .containsExactly("TinyRel (first)", "TinyRel (first) #2");
  }

  /** Three sweeps that differ in the learning rate alone: error against lr, at their medians. */
  @Test
  void threeLearningRatesGiveATrendThroughTheirMedians(@TempDir Path root) throws Exception {
    double[] low = errors(30, 4, 9);
    double[] mid = errors(20, 3, 9);
    double[] high = errors(35, 6, 9);
    // given out of order: the trend runs by increasing lr
    Path b = sweep(root, "lr-0.2", "TinyRel", options(2, 0.2), high);
    Path a = sweep(root, "lr-0.05", "TinyRel", options(2, 0.05), low);
    Path c = sweep(root, "lr-0.1", "TinyRel", options(2, 0.1), mid);
    ReportBuilder.Report report = ReportBuilder.build(List.of(b, a, c), root.resolve("r.html"));

    JsonNode trend = JSON.readTree(root.resolve("edfs.json").toFile()).at("/trends/0");
    assertThat(trend.get("space").asText()).isEqualTo("TinyRel");
    assertThat(trend.get("setting").asText()).isEqualTo("lr");
    double[][] expected = {{0.05, median(low)}, {0.1, median(mid)}, {0.2, median(high)}};
    for (int i = 0; i < 3; i++) {
      JsonNode p = trend.get("points").get(i);
      assertThat(p.get("value").asDouble()).isEqualTo(expected[i][0]);
      assertThat(p.get("median").asDouble()).isEqualTo(expected[i][1]);
      assertThat(p.get("models").asInt()).isEqualTo(9);
    }
    assertThat(trend.at("/points/1/label").asText()).isEqualTo("TinyRel (lr 0.1)");
    Path figure = root.resolve("trend-tiny-rel-lr.svg");
    assertThat(report.figures()).contains(figure);
    String svg = Files.readString(figure);
    for (double[] point : expected) {
      assertThat(svg)
          .contains(
              String.format(
                  Locale.ROOT,
                  "<title>lr %s: median %.2f%%",
                  new java.math.BigDecimal(String.valueOf(point[0]))
                      .stripTrailingZeros()
                      .toPlainString(),
                  point[1]));
    }
    assertThat(report.summary())
        .contains(
            String.format(
                Locale.ROOT,
                "TinyRel, median error by lr: %.2f%% at lr 0.05, %.2f%% at lr 0.1, %.2f%% at lr"
                    + " 0.2",
                median(low),
                median(mid),
                median(high)));
    assertThat(Files.readString(report.file())).contains("Trends across sweeps of one space");
  }

  /** The median as numpy computes it: the middle value, or the mean of the middle two. */
  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
