package dev.designspace.runtime.analysis;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Whether two design spaces' error distributions differ: the two-sample Kolmogorov-Smirnov test
 * (largest EDF gap, the paper's visual comparison made a test) and the Mann-Whitney U test (is a
 * model of one space likely better than one of the other), both two-sided, from commons-math3.
 *
 * @param ksStatistic sup |F_a - F_b|
 * @param ksPValue exact for small samples, asymptotic otherwise (commons-math3's choice)
 * @param mannWhitneyU the larger of U_a and U_b (commons-math3's convention)
 * @param mannWhitneyPValue two-sided; exact (the U distribution counted out) for small samples
 *     without ties, else commons-math3's normal approximation
 * @param medianDifference median error of a minus median error of b (negative: a is better)
 * @param p10Difference 10th-percentile error of a minus that of b
 */
public record SpaceComparison(
    double ksStatistic,
    double ksPValue,
    double mannWhitneyU,
    double mannWhitneyPValue,
    double medianDifference,
    double p10Difference) {

  public static SpaceComparison of(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      throw new IllegalArgumentException("each space needs at least 2 models to compare");
    }
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    MannWhitneyUTest mw = new MannWhitneyUTest();
    return new SpaceComparison(
        ks.kolmogorovSmirnovStatistic(a, b),
        ks.kolmogorovSmirnovTest(a, b, false), // P(D >= d); the two-argument form computes P(D > d)
        mw.mannWhitneyU(a, b),
        exactApplies(a, b)
            ? exactMannWhitneyP(a.length, b.length, mw.mannWhitneyU(a, b))
            : mw.mannWhitneyUTest(a, b),
        Statistics.percentile(a, 50) - Statistics.percentile(b, 50),
        Statistics.percentile(a, 10) - Statistics.percentile(b, 10));
  }

  /**
   * Exact p-values when the samples are small and have no ties (as the published tables assume).
   */
  static boolean exactApplies(double[] a, double[] b) {
    if ((long) a.length * b.length > 2500) {
      return false;
    }
    java.util.Set<Double> seen = new java.util.HashSet<>();
    for (double v : a) {
      if (!seen.add(v)) {
        return false;
      }
    }
    for (double v : b) {
      if (!seen.add(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Two-sided exact p-value of U (the larger of U_a, U_b) for sizes n and m: the number of ways to
   * interleave the samples with U at most min(U, nm - U), over C(n + m, n), doubled.
   */
  static double exactMannWhitneyP(int n, int m, double uMax) {
    int total = n * m;
    // ways[i][j][u]: orderings of i a-values and j b-values with statistic u, built recursively
    double[][] ways = new double[m + 1][];
    double[][] previous = new double[m + 1][];
    for (int j = 0; j <= m; j++) {
      previous[j] = new double[total + 1];
      previous[j][0] = 1; // i = 0: U is 0
    }
    for (int i = 1; i <= n; i++) {
      ways[0] = new double[total + 1];
      ways[0][0] = 1;
      for (int j = 1; j <= m; j++) {
        ways[j] = new double[total + 1];
        for (int u = 0; u <= i * j; u++) {
          // the largest value comes from a (it beats all j b-values) or from b
          double fromA = u - j >= 0 ? previous[j][u - j] : 0;
          double fromB = ways[j - 1][u];
          ways[j][u] = fromA + fromB;
        }
      }
      double[][] t = previous;
      previous = ways;
      ways = t;
    }
    double[] counts = previous[m];
    double all = 0;
    for (double c : counts) {
      all += c;
    }
    int uMin = (int) Math.round(Math.min(uMax, total - uMax));
    double tail = 0;
    for (int u = 0; u <= uMin; u++) {
      tail += counts[u];
    }
    return Math.min(1.0, 2 * tail / all);
  }

  /** Whether the difference is significant at {@code alpha} by both tests. */
  public boolean significant(double alpha) {
    return ksPValue < alpha && mannWhitneyPValue < alpha;
  }
}
