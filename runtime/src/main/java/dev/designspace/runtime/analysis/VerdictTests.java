package dev.designspace.runtime.analysis;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The four one-sided p-values behind a {@link Verdict} of b against a.
 *
 * @param better b's EDF above a's somewhere (one-sided KS)
 * @param worse a's EDF above b's somewhere (one-sided KS)
 * @param noWorse against "b is worse by the margin or more": the Mann-Whitney test of a against b
 *     moved down by the margin, upper tail (the Hodges-Lehmann interval's upper end below the
 *     margin is the same test)
 * @param noBetter against "b is better by the margin or more": the same with b moved up, lower tail
 */
public record VerdictTests(double better, double worse, double noWorse, double noBetter) {

  /** The tests of b against a with this margin (points of error). */
  public static VerdictTests of(double[] a, double[] b, double margin) {
    if (!(margin >= 0)) {
      throw new IllegalArgumentException("the margin must be >= 0, got " + margin);
    }
    EdfDominance dominance = EdfDominance.of(a, b);
    PooledRanks down = PooledRanks.of(a, shifted(b, -margin));
    PooledRanks up = PooledRanks.of(a, shifted(b, margin));
    return new VerdictTests(
        dominance.pBAbove(),
        dominance.pAAbove(),
        MannWhitneyNull.of(down).atLeast(down.twiceBWins()),
        MannWhitneyNull.of(up).atMost(up.twiceBWins()));
  }

  private static double[] shifted(double[] values, double by) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] + by;
    }
    return out;
  }

  /**
   * Holm's step-down adjustment of each test over a family of comparisons (the steps of one study):
   * the family's chance of any false verdict stays at the level, whatever the tests' dependence.
   */
  public static List<VerdictTests> holm(List<VerdictTests> family) {
    double[] better = holm(family, VerdictTests::better);
    double[] worse = holm(family, VerdictTests::worse);
    double[] noWorse = holm(family, VerdictTests::noWorse);
    double[] noBetter = holm(family, VerdictTests::noBetter);
    List<VerdictTests> adjusted = new java.util.ArrayList<>();
    for (int i = 0; i < family.size(); i++) {
      adjusted.add(new VerdictTests(better[i], worse[i], noWorse[i], noBetter[i]));
    }
    return adjusted;
  }

  /** Holm-adjusted p-values: the k-th smallest times (m - k + 1), made monotone, at most 1. */
  static double[] holm(List<VerdictTests> family, ToDoubleFunction<VerdictTests> test) {
    int m = family.size();
    Integer[] order = new Integer[m];
    double[] p = new double[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
      p[i] = test.applyAsDouble(family.get(i));
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
    double[] adjusted = new double[m];
    double running = 0;
    for (int k = 0; k < m; k++) {
      running = Math.max(running, Math.min(1, (m - k) * p[order[k]]));
      adjusted[order[k]] = running;
    }
    return adjusted;
  }
}
