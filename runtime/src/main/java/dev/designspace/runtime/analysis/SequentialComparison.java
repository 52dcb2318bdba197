package dev.designspace.runtime.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A comparison of two design spaces looked at after every round of models, group-sequentially: each
 * look's tests are read at the nominal level {@link GroupSequentialDesign} gives it, so that the
 * chance of a false verdict over all looks stays at {@link SpaceVerdict#ALPHA} per direction. The
 * information of a look is na nb / (na + nb), as fraction of its value at {@code maxModels} per
 * space. The comparison stops at the first look whose verdict answers the question, or at {@code
 * maxModels}.
 *
 * @param maxModels models per space at the last possible look (information fraction 1)
 * @param margin points of error of the margin verdicts
 * @param question what the comparison asks; it stops when the answer is in
 * @param alpha one-sided level of each test over all looks ({@link SpaceVerdict#ALPHA}, or a share
 *     of it when several comparisons are one family)
 */
public record SequentialComparison(int maxModels, double margin, Question question, double alpha) {
  /** Designs already computed: a sequential run asks for the same ones at every look. */
  private static final Map<DesignKey, double[]> LEVELS = new ConcurrentHashMap<>();

  /** A design: its level and the information fractions of its looks. */
  private record DesignKey(double alpha, List<Double> fractions) {}

  public SequentialComparison(int maxModels, double margin, Question question) {
    this(maxModels, margin, question, SpaceVerdict.ALPHA);
  }

  public SequentialComparison {
    if (maxModels < 2) {
      throw new IllegalArgumentException("--max-models must be at least 2, got " + maxModels);
    }
    if (!(margin >= 0)) {
      throw new IllegalArgumentException("--margin must be >= 0, got " + margin);
    }
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new IllegalArgumentException("alpha must be in (0, 0.5), got " + alpha);
    }
  }

  /**
   * One look: the models per space it saw, its information fraction, its nominal level and the
   * verdict at that level.
   */
  public record Look(int na, int nb, double fraction, double level, Verdict verdict) {}

  /** The information fraction of na and nb models. */
  public double fraction(int na, int nb) {
    double information = na * (double) nb / (na + nb);
    return Math.min(1, information / (maxModels / 2.0));
  }

  /**
   * The next look, at these errors, after the looks already made (their fractions fix the levels
   * already spent). Empty when these errors add no information to the last look.
   */
  public java.util.Optional<Look> look(double[] a, double[] b, List<Look> previous) {
    if (a.length < 2 || b.length < 2) {
      return java.util.Optional.empty();
    }
    double t = fraction(a.length, b.length);
    List<Double> fractions = new ArrayList<>();
    for (Look l : previous) {
      fractions.add(l.fraction());
    }
    if (!fractions.isEmpty() && t <= fractions.get(fractions.size() - 1)) {
      return java.util.Optional.empty();
    }
    fractions.add(t);
    double[] levels =
        LEVELS.computeIfAbsent(
            new DesignKey(alpha, List.copyOf(fractions)),
            k ->
                GroupSequentialDesign.nominalLevels(
                    k.alpha(), k.fractions().stream().mapToDouble(Double::doubleValue).toArray()));
    double level = levels[levels.length - 1];
    Verdict verdict = Verdict.of(VerdictTests.of(a, b, margin), level);
    return java.util.Optional.of(new Look(a.length, b.length, t, level, verdict));
  }

  /** Whether a look ends the comparison: its verdict answers the question, or it is the last. */
  public boolean stopsAt(Look look) {
    return question.answeredBy(look.verdict()) || look.fraction() >= 1;
  }
}
