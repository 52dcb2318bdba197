package dev.designspace.runtime.report;

import dev.designspace.runtime.analysis.ErrorEdf;
import dev.designspace.runtime.analysis.LossBlowUp;
import dev.designspace.runtime.analysis.ProgressionStep;
import dev.designspace.runtime.analysis.SpaceComparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The numbers and verdicts of a report: each sweep's analysis, every pair of sweeps compared, the
 * progression steps judged, and the summary in sentences.
 */
record ReportAnalysis(
    List<SweepAnalysis> sweeps,
    List<Pair> pairs,
    List<ProgressionStep.Outcome> outcomes,
    List<String> summary,
    String bestModel) {

  /** Significance level of every verdict in the report. */
  static final double ALPHA = 0.05;

  ReportAnalysis {
    sweeps = List.copyOf(sweeps);
    pairs = List.copyOf(pairs);
    outcomes = List.copyOf(outcomes);
    summary = List.copyOf(summary);
  }

  /** Two sweeps compared, in report order, and the verdict in a sentence. */
  record Pair(String a, String b, SpaceComparison comparison, String verdict) {}

  static ReportAnalysis of(List<SweepData> data, List<ProgressionStep> steps) {
    List<SweepAnalysis> sweeps = new ArrayList<>();
    Set<String> slugs = new HashSet<>();
    for (int i = 0; i < data.size(); i++) {
      String slug = slug(data.get(i).name());
      String unique = slug;
      for (int k = 2; !slugs.add(unique); k++) {
        unique = slug + "-" + k;
      }
      sweeps.add(SweepAnalysis.of(data.get(i), i, unique));
    }
    List<String> summary = new ArrayList<>();
    for (SweepAnalysis s : sweeps) {
      summary.addAll(sweepSummary(s));
    }
    mixedRecipes(data).ifPresent(line -> summary.add(0, line));
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      for (int j = i + 1; j < data.size(); j++) {
        double[] a = data.get(i).errors();
        double[] b = data.get(j).errors();
        if (a.length < 2 || b.length < 2) {
          continue;
        }
        SpaceComparison c = SpaceComparison.of(a, b);
        Pair pair =
            new Pair(
                data.get(i).name(),
                data.get(j).name(),
                c,
                verdict(data.get(i).name(), data.get(j).name(), c));
        pairs.add(pair);
        if (steps
            .isEmpty()) { // a study's summary keeps to its steps; every pair stays in the table
          summary.add(
              c.significant(ALPHA)
                  ? pair.verdict()
                  : pair.verdict() + "; " + noiseReason(a.length, b.length));
        }
      }
    }
    List<ProgressionStep.Outcome> outcomes = new ArrayList<>();
    for (ProgressionStep step : steps) {
      Optional<SweepData> from =
          data.stream().filter(s -> s.name().equals(step.from())).findFirst();
      Optional<SweepData> to = data.stream().filter(s -> s.name().equals(step.to())).findFirst();
      if (from.isPresent()
          && to.isPresent()
          && from.get().errors().length >= 2
          && to.get().errors().length >= 2) {
        outcomes.add(step.judge(SpaceComparison.of(from.get().errors(), to.get().errors()), ALPHA));
      }
    }
    summary.addAll(0, outcomes.stream().map(ProgressionStep.Outcome::sentence).toList());
    return new ReportAnalysis(sweeps, pairs, outcomes, summary, bestModel(data));
  }

  /**
   * A space's name as a file name part: the words of a CamelCase name joined by '-' in lower case,
   * "Net" kept with the word before it (FmnistRegNetX: fmnist-regnet-x), anything but letters and
   * digits a '-'.
   */
  static String slug(String name) {
    String words =
        name.replaceAll("([a-z0-9])(?=[A-Z])(?!Net)", "$1-")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    return words.isEmpty() ? "sweep" : words;
  }

  private static List<String> sweepSummary(SweepAnalysis a) {
    SweepData s = a.data();
    List<String> lines = new ArrayList<>();
    a.edf()
        .ifPresent(
            edf ->
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "%s: %d models (%d done), error min %.2f%%, median %.2f%%, mean %.2f%%",
                        s.name(),
                        s.all().size(),
                        edf.size(),
                        edf.min(),
                        edf.quantile(0.5),
                        edf.mean())));
    List<String> blownUp = s.blownUp();
    if (!blownUp.isEmpty()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: %d of %d models blew up early in training (loss above %.0fx its first step's):"
                  + " %s; a blown-up model's error may reflect the training recipe more than its"
                  + " architecture",
              s.name(),
              blownUp.size(),
              s.all().size(),
              LossBlowUp.FACTOR,
              String.join(", ", blownUp)));
    }
    s.proxyValidity().ifPresent(v -> lines.add(s.name() + ": " + v.sentence()));
    return lines;
  }

  private static Optional<String> mixedRecipes(List<SweepData> sweeps) {
    Set<String> recipes = new TreeSet<>();
    sweeps.forEach(s -> recipes.addAll(s.recipes()));
    if (recipes.size() <= 1) {
      return Optional.empty();
    }
    StringBuilder mixed = new StringBuilder("The sweeps were trained with different recipes (");
    for (int i = 0; i < sweeps.size(); i++) {
      mixed
          .append(i == 0 ? "" : "; ")
          .append(sweeps.get(i).name())
          .append(": ")
          .append(String.join(", ", sweeps.get(i).recipes()));
    }
    return Optional.of(
        mixed
            .append("): their errors are not comparable; train them with one --recipe")
            .toString());
  }

  private static String bestModel(List<SweepData> sweeps) {
    return sweeps.stream()
        .flatMap(sw -> sw.done().stream().map(r -> Map.entry(sw.name(), r)))
        .min(Comparator.comparingDouble(e -> e.getValue().error()))
        .map(
            e ->
                String.format(
                    Locale.ROOT,
                    "best model: %s of %s, %.2f%% error, %,d flops",
                    e.getValue().id(),
                    e.getKey(),
                    e.getValue().error(),
                    e.getValue().flops()))
        .orElse("best model: none finished");
  }

  /** Why a difference can be within noise: how well n models pin down an EDF. */
  static String noiseReason(int n, int m) {
    return String.format(
        Locale.ROOT,
        "with %d and %d models the EDFs are known only to within %.2f and %.2f"
            + " (DKW, 95%%), so smaller differences need more models to show",
        n,
        m,
        ErrorEdf.dkwEpsilon(n, ALPHA),
        ErrorEdf.dkwEpsilon(m, ALPHA));
  }

  static String verdict(String a, String b, SpaceComparison c) {
    String tests =
        String.format(
            Locale.ROOT, "KS p = %.3g, Mann-Whitney p = %.3g", c.ksPValue(), c.mannWhitneyPValue());
    if (!c.significant(ALPHA)) {
      return String.format(
          Locale.ROOT,
          "%s vs %s: the difference is within noise (%s; median %+.2f, 10th percentile %+.2f"
              + " points)",
          a,
          b,
          tests,
          c.medianDifference(),
          c.p10Difference());
    }
    String better = c.medianDifference() < 0 ? a : b;
    String worse = c.medianDifference() < 0 ? b : a;
    return String.format(
        Locale.ROOT,
        "%s is better than %s: median error lower by %.2f points, 10th percentile by %.2f (%s)",
        better,
        worse,
        Math.abs(c.medianDifference()),
        Math.abs(c.p10Difference()),
        tests);
  }
}
