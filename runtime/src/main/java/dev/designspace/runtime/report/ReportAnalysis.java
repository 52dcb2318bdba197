package dev.designspace.runtime.report;

import dev.designspace.runtime.analysis.ComplexityNormalisation;
import dev.designspace.runtime.analysis.LossBlowUp;
import dev.designspace.runtime.analysis.NormalisedDominance;
import dev.designspace.runtime.analysis.ProgressionStep;
import dev.designspace.runtime.analysis.Question;
import dev.designspace.runtime.analysis.SpaceComparison;
import dev.designspace.runtime.analysis.SpaceVerdict;
import dev.designspace.runtime.analysis.Verdict;
import dev.designspace.runtime.analysis.VerdictTests;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
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
 * The numbers and verdicts of a report: each sweep's analysis, the complexity normalisation they
 * share, every pair of sweeps compared (b, the later sweep, against a), the progression steps
 * judged, and the summary in sentences.
 */
record ReportAnalysis(
    List<SweepAnalysis> sweeps,
    Optional<ComplexityNormalisation> normalisation,
    List<Pair> pairs,
    List<ProgressionStep.Outcome> outcomes,
    List<String> summary,
    List<SettingTrend> trends,
    String bestModel,
    ReportOptions options) {

  /** Level of the DKW bands drawn around the EDFs. */
  static final double ALPHA = 0.05;

  ReportAnalysis {
    sweeps = List.copyOf(sweeps);
    pairs = List.copyOf(pairs);
    outcomes = List.copyOf(outcomes);
    summary = List.copyOf(summary);
    trends = List.copyOf(trends);
  }

  /**
   * Two sweeps compared, in report order: the two-sided tests, the verdict of b against a, the same
   * comparison at equal complexity (normalised EDFs, when their ranges overlap), and the verdict in
   * a sentence.
   */
  record Pair(
      String a,
      String b,
      SpaceComparison comparison,
      SpaceVerdict verdict,
      Optional<NormalisedDominance> normalised,
      String sentence) {}

  static ReportAnalysis of(List<SweepData> data, List<ProgressionStep> steps) {
    return of(data, steps, ReportOptions.DEFAULTS);
  }

  static ReportAnalysis of(
      List<SweepData> data, List<ProgressionStep> steps, ReportOptions options) {
    List<SweepAnalysis> sweeps = new ArrayList<>();
    Set<String> slugs = new HashSet<>();
    for (int i = 0; i < data.size(); i++) {
      String slug = slug(data.get(i).label());
      String unique = slug;
      for (int k = 2; !slugs.add(unique); k++) {
        unique = slug + "-" + k;
      }
      sweeps.add(SweepAnalysis.of(data.get(i), i, unique));
    }
    List<String> summary = new ArrayList<>(options.notes());
    for (SweepAnalysis s : sweeps) {
      summary.addAll(sweepSummary(s));
    }
    mixedRecipes(data).ifPresent(line -> summary.add(0, line));
    Optional<ComplexityNormalisation> normalisation = normalisation(data, options);
    normalisation.ifPresent(n -> summary.add(normalisationLine(n, data, options)));

    List<int[]> pairIndices = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      for (int j = i + 1; j < data.size(); j++) {
        boolean comparable =
            options.split().isEmpty() // split: the groups of one sweep, not across sweeps
                || data.get(i).directory().equals(data.get(j).directory());
        if (comparable && data.get(i).errors().length >= 2 && data.get(j).errors().length >= 2) {
          pairIndices.add(new int[] {i, j});
        }
      }
    }
    // the pairs of one report are one family of tests
    List<VerdictTests> pairTests =
        VerdictTests.holm(
            pairIndices.stream()
                .map(
                    ij ->
                        VerdictTests.of(
                            data.get(ij[0]).errors(), data.get(ij[1]).errors(), options.margin()))
                .toList());
    List<Pair> pairs = new ArrayList<>();
    for (int k = 0; k < pairIndices.size(); k++) {
      SweepData a = data.get(pairIndices.get(k)[0]);
      SweepData b = data.get(pairIndices.get(k)[1]);
      Optional<ReportOptions.Decided> decided = options.decided(a.name(), b.name());
      SpaceVerdict verdict =
          verdict(a, b, pairTests.get(k), Question.WHICH_IS_BETTER, decided, options);
      Optional<NormalisedDominance> normalised =
          normalisation.map(
              n ->
                  NormalisedDominance.of(
                      a.errors(), complexity(a, options), b.errors(), complexity(b, options), n));
      String sentence =
          sentence(a.label(), b.label(), verdict, normalised, options, pairIndices.size())
              + decided.map(d -> " [" + d.how() + "]").orElse("");
      pairs.add(
          new Pair(
              a.label(),
              b.label(),
              SpaceComparison.of(a.errors(), b.errors()),
              verdict,
              normalised,
              sentence));
      if (steps.isEmpty()) { // a study's summary keeps to its steps; every pair stays in the table
        summary.add(sentence);
      }
    }
    List<ProgressionStep.Outcome> outcomes = outcomes(data, steps, options);
    summary.addAll(
        options.notes().size(), outcomes.stream().map(ProgressionStep.Outcome::sentence).toList());
    List<SettingTrend> trends = SettingTrend.of(sweeps);
    trends.forEach(t -> summary.add(t.sentence()));
    return new ReportAnalysis(
        sweeps, normalisation, pairs, outcomes, summary, trends, bestModel(data), options);
  }

  /** The steps whose two spaces both have 2 models or more, tested as one family (Holm). */
  private static List<ProgressionStep.Outcome> outcomes(
      List<SweepData> data, List<ProgressionStep> steps, ReportOptions options) {
    List<ProgressionStep> measured = new ArrayList<>();
    List<SweepData[]> spaces = new ArrayList<>();
    for (ProgressionStep step : steps) {
      Optional<SweepData> from = byName(data, step.from());
      Optional<SweepData> to = byName(data, step.to());
      if (from.isPresent()
          && to.isPresent()
          && from.get().errors().length >= 2
          && to.get().errors().length >= 2) {
        measured.add(step);
        spaces.add(new SweepData[] {from.get(), to.get()});
      }
    }
    List<VerdictTests> tests =
        VerdictTests.holm(
            spaces.stream()
                .map(ab -> VerdictTests.of(ab[0].errors(), ab[1].errors(), options.margin()))
                .toList());
    List<ProgressionStep.Outcome> outcomes = new ArrayList<>();
    for (int k = 0; k < measured.size(); k++) {
      ProgressionStep step = measured.get(k);
      SweepData a = spaces.get(k)[0];
      SweepData b = spaces.get(k)[1];
      Optional<ReportOptions.Decided> decided = options.decided(a.name(), b.name());
      SpaceVerdict verdict = verdict(a, b, tests.get(k), step.expected(), decided, options);
      outcomes.add(
          step.judge(
              verdict,
              proxyTrust(a),
              proxyTrust(b),
              decided.map(ReportOptions.Decided::how).orElse("")));
    }
    return outcomes;
  }

  /** The verdict a sequential run reached for b against a, or else the one all models give. */
  private static SpaceVerdict verdict(
      SweepData a,
      SweepData b,
      VerdictTests tests,
      Question question,
      Optional<ReportOptions.Decided> decided,
      ReportOptions options) {
    return decided
        .map(ReportOptions.Decided::verdict)
        .orElseGet(
            () ->
                SpaceVerdict.of(
                    a.errors(),
                    b.errors(),
                    tests,
                    options.margin(),
                    question,
                    options.goodThreshold(),
                    SpaceVerdict.ALPHA));
  }

  private static Optional<SweepData> byName(List<SweepData> data, String name) {
    return data.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The proxy check's verdict in words, or "not checked". */
  static String proxyTrust(SweepData s) {
    return s.proxyValidity()
        .map(v -> v.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .orElse("not checked");
  }

  /** The normalisation shared by every sweep with a finished model. */
  private static Optional<ComplexityNormalisation> normalisation(
      List<SweepData> data, ReportOptions options) {
    List<double[]> complexities = new ArrayList<>();
    for (SweepData s : data) {
      if (s.errors().length > 0) {
        complexities.add(complexity(s, options));
      }
    }
    return complexities.isEmpty() ? Optional.empty() : ComplexityNormalisation.of(complexities);
  }

  /** The weights of sweep {@code s} in the shared normalisation (0 outside its range). */
  double[] normalisedWeights(SweepAnalysis s) {
    int k = 0;
    for (SweepAnalysis other : sweeps) {
      if (other == s) {
        break;
      }
      k += other.edf().isPresent() ? 1 : 0;
    }
    return normalisation.orElseThrow().weights().get(k);
  }

  static double[] complexity(SweepData s, ReportOptions options) {
    return s.metric(options.complexity()::of);
  }

  private static String normalisationLine(
      ComplexityNormalisation n, List<SweepData> data, ReportOptions options) {
    StringBuilder outside = new StringBuilder();
    int k = 0;
    for (SweepData s : data) {
      if (s.errors().length == 0) {
        continue;
      }
      outside
          .append(k == 0 ? "" : ", ")
          .append(s.label())
          .append(' ')
          .append(n.outside()[k])
          .append(" of ")
          .append(s.errors().length);
      k++;
    }
    return String.format(
        Locale.ROOT,
        "Normalised EDFs: %s from %s to %s (the range all sweeps share), %d bin%s of log %s%s;"
            + " models outside the range: %s",
        options.complexity().externalName(),
        compact(n.low()),
        compact(n.high()),
        n.bins(),
        n.bins() == 1 ? "" : "s",
        options.complexity().externalName(),
        n.bins() < n.chosenBins()
            ? " (fewer than the " + n.chosenBins() + " the model count allows: a bin was empty)"
            : "",
        outside);
  }

  static String compact(double x) {
    if (x >= 1e9) {
      return String.format(Locale.ROOT, "%.2fG", x / 1e9);
    }
    if (x >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", x / 1e6);
    }
    if (x >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", x / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", x);
  }

  /** A pair's verdict, effects, tests, the normalised comparison, and what would decide it. */
  static String sentence(
      String a,
      String b,
      SpaceVerdict v,
      Optional<NormalisedDominance> normalised,
      ReportOptions options,
      int family) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s (%d and %d models): %s; %s%s",
                v.headline(a, b),
                v.na(),
                v.nb(),
                v.effects(a, b),
                v.testWords(a, b),
                family > 1 ? " (Holm-adjusted over the report's " + family + " pairs)" : ""));
    normalised.ifPresent(
        n -> {
          Verdict raw = dominance(v.verdict());
          Verdict atEqual = n.verdict(SpaceVerdict.ALPHA);
          s.append(
              String.format(
                  Locale.ROOT,
                  "; at equal %s (normalised EDFs): %s (permutation p = %s B above, %s A above)",
                  options.complexity().externalName(),
                  atEqual == Verdict.UNDECIDED
                      ? "no EDF lies above the other"
                      : atEqual.words() + " " + a,
                  pValue(n.pBAbove()),
                  pValue(n.pAAbove())));
          if (raw != atEqual) {
            String measure = options.complexity().externalName();
            s.append(
                atEqual == Verdict.UNDECIDED
                    ? "; the raw difference goes away at equal "
                        + measure
                        + ": complexity explains it"
                    : raw == Verdict.UNDECIDED
                        ? "; the difference shows only at equal "
                            + measure
                            + ": the spaces sample different "
                            + measure
                            + ", which hides it in the raw EDFs"
                        : "; the raw and the normalised verdicts differ: complexity changes the"
                            + " comparison");
          }
        });
    if (!v.decided()) {
      s.append("; ").append(v.toDecide());
    }
    return s.toString();
  }

  /** The dominance part of a verdict: better, worse, different, or undecided. */
  private static Verdict dominance(Verdict v) {
    return switch (v) {
      case BETTER, WORSE, DIFFERENT -> v;
      default -> Verdict.UNDECIDED;
    };
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
                        s.label(),
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
              s.label(),
              blownUp.size(),
              s.all().size(),
              LossBlowUp.FACTOR,
              String.join(", ", blownUp)));
    }
    s.proxyValidity().ifPresent(v -> lines.add(s.label() + ": " + v.sentence()));
    a.runtime().ifPresent(r -> lines.add(s.label() + ": " + r.fit().sentence()));
    if (!s.reruns().isEmpty()) {
      lines.add(s.label() + ": " + noise(s.reruns()));
    }
    List<ModelResult> lost =
        s.all().stream()
            .filter(r -> r.status() == RunStatus.FAILED && r.cause().retriedOnResume())
            .toList();
    if (!lost.isEmpty()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: %d of %d models were lost to their environment, not their architecture, and are"
                  + " left out of the EDF (rerunning the sweep trains them again): %s",
              s.label(),
              lost.size(),
              s.all().size(),
              String.join(
                  "; ", lost.stream().map(r -> r.id() + " (" + r.message() + ")").toList())));
    }
    return lines;
  }

  /**
   * The training noise that reruns show: how far a model's error moves when it is trained again
   * with another seed, and the standard deviation of one training's error that implies (the
   * difference of two trainings has twice its variance).
   */
  static String noise(List<dev.designspace.runtime.sweep.Reruns.Pair> reruns) {
    double[] moved = reruns.stream().mapToDouble(p -> Math.abs(p.difference())).sorted().toArray();
    double squares = reruns.stream().mapToDouble(p -> p.difference() * p.difference()).sum();
    int n = moved.length;
    double median = n % 2 == 1 ? moved[n / 2] : (moved[n / 2 - 1] + moved[n / 2]) / 2;
    return String.format(
        Locale.ROOT,
        "training noise: %d model%s trained again with another seed moved by a median of %.2f"
            + " points (at most %.2f); one training's error has a standard deviation of about %.2f"
            + " points",
        n,
        n == 1 ? "" : "s",
        median,
        moved[n - 1],
        Math.sqrt(squares / n / 2));
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
          .append(sweeps.get(i).label())
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
        .flatMap(sw -> sw.done().stream().map(r -> Map.entry(sw.label(), r)))
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

  static String pValue(double p) {
    return String.format(Locale.ROOT, "%.3g", p);
  }
}
