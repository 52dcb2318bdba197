package dev.designspace.runtime.analysis;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Design space b compared with design space a, as a reader of the paper asks it: the verdict in
 * words, the effects with their intervals (the shift of the error distribution, the chance that a
 * model of b beats one of a, the difference in the fraction of good models), the one-sided tests
 * behind the verdict and, when it is undecided, how many models per space would likely decide it.
 *
 * @param tests the p-values the verdict was read from (Holm-adjusted within a study)
 * @param alpha the one-sided level of each test (the intervals are 1 - 2 alpha)
 * @param margin points of error within which b counts as no worse / as good as
 * @param modelsToDecide models per space that would decide the question with 80% probability at the
 *     spread observed, when undecided; empty when decided, or when more than {@link
 *     DecisionSize#LARGEST} would be needed (see {@link #beyondReach})
 */
public record SpaceVerdict(
    int na,
    int nb,
    Verdict verdict,
    EdfDominance dominance,
    ShiftEstimate shift,
    Superiority superiority,
    GoodFraction good,
    VerdictTests tests,
    double alpha,
    double margin,
    Question question,
    OptionalInt modelsToDecide,
    boolean beyondReach) {

  /** One-sided level of each test: both directions together keep a false "better" at 5%. */
  public static final double ALPHA = 0.025;

  /** Default margin (points of error): see docs/algorithms.md, "Verdicts". */
  public static final double DEFAULT_MARGIN = 1.0;

  /** The comparison with the given tests (already adjusted for a family, if any). */
  public static SpaceVerdict of(
      double[] a, double[] b, VerdictTests tests, double margin, Question question) {
    return of(a, b, tests, margin, question, Double.NaN, ALPHA);
  }

  /**
   * The comparison read at level {@code alpha} (a sequential look's nominal level), with the good
   * models below {@code goodThreshold} (NaN: the pooled 25th percentile).
   */
  public static SpaceVerdict of(
      double[] a,
      double[] b,
      VerdictTests tests,
      double margin,
      Question question,
      double goodThreshold,
      double alpha) {
    if (a.length < 2 || b.length < 2) {
      throw new IllegalArgumentException("each space needs at least 2 models to compare");
    }
    double level = 1 - 2 * alpha;
    Verdict verdict = Verdict.of(tests, alpha);
    OptionalInt size = OptionalInt.empty();
    boolean beyond = false;
    if (!question.answeredBy(verdict)) {
      size = DecisionSize.estimate(a, b, margin, question);
      beyond = size.isEmpty();
    }
    return new SpaceVerdict(
        a.length,
        b.length,
        verdict,
        EdfDominance.of(a, b),
        ShiftEstimate.of(a, b, level),
        Superiority.of(a, b, level),
        Double.isNaN(goodThreshold)
            ? GoodFraction.of(a, b, level)
            : GoodFraction.of(a, b, goodThreshold, level),
        tests,
        alpha,
        margin,
        question,
        size,
        beyond);
  }

  /** Whether the question asked is answered. */
  public boolean decided() {
    return question.answeredBy(verdict);
  }

  /** "B is better than A", "B is undecided against A". */
  public String headline(String aName, String bName) {
    return bName + " is " + verdict.words() + " " + aName;
  }

  /**
   * The effects in one clause: shift, P(b beats a), good-model fractions, each with its interval.
   */
  public String effects(String aName, String bName) {
    return String.format(
        Locale.ROOT,
        "shift %s points %s, P(%s beats %s) %.2f [%.2f, %.2f], good models (error <= %.2f%%): %s"
            + " %.0f%%, %s %.0f%% (%+.0f points [%+.0f, %+.0f])",
        signed(shift.estimate()),
        interval(shift.low(), shift.high()),
        bName,
        aName,
        superiority.probability(),
        superiority.low(),
        superiority.high(),
        good.threshold(),
        bName,
        100 * good.fractionB(),
        aName,
        100 * good.fractionA(),
        100 * good.difference(),
        100 * good.low(),
        100 * good.high());
  }

  /** The one-sided tests in one clause. */
  public String testWords(String aName, String bName) {
    return String.format(
        Locale.ROOT,
        "one-sided KS p = %s (%s's EDF above), %s (%s's above); margin %.2f points: p = %s (no"
            + " worse), %s (no better)",
        p(tests.better()),
        bName,
        p(tests.worse()),
        aName,
        margin,
        p(tests.noWorse()),
        p(tests.noBetter()));
  }

  /** What would decide an open question, in words; empty when decided. */
  public String toDecide() {
    if (decided()) {
      return "";
    }
    if (beyondReach) {
      return "more than "
          + DecisionSize.LARGEST
          + " models per space would be needed at the spread observed (the difference is about"
          + " the size of the margin)";
    }
    return "about "
        + modelsToDecide.getAsInt()
        + " models per space would likely decide it (80% at the spread observed)";
  }

  static String signed(double x) {
    return String.format(Locale.ROOT, "%+.2f", x);
  }

  static String interval(double low, double high) {
    return "["
        + (Double.isFinite(low) ? String.format(Locale.ROOT, "%+.2f", low) : "-inf")
        + ", "
        + (Double.isFinite(high) ? String.format(Locale.ROOT, "%+.2f", high) : "+inf")
        + "]";
  }

  static String p(double p) {
    return String.format(Locale.ROOT, "%.3g", p);
  }
}
