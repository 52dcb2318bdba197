package dev.designspace.runtime.analysis;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The fraction of good models in each space, good meaning an error at most {@code threshold}, and
 * the difference b minus a with Newcombe's hybrid score interval (1998, method 10), which stays
 * inside [-1, 1] and behaves at fractions of 0 and 1 where the Wald interval collapses.
 *
 * @param threshold the error (%) a good model reaches: by default the 25th percentile of both
 *     samples pooled
 * @param fractionA a's models at most the threshold, over a's models
 * @param fractionB the same for b
 */
public record GoodFraction(
    double threshold, double fractionA, double fractionB, double low, double high, double level) {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /** The percentile of the pooled errors that sets the default threshold. */
  public static final double POOLED_PERCENTILE = 25;

  public static GoodFraction of(double[] a, double[] b, double level) {
    double[] pooled = new double[a.length + b.length];
    System.arraycopy(a, 0, pooled, 0, a.length);
    System.arraycopy(b, 0, pooled, a.length, b.length);
    return of(a, b, Statistics.percentile(pooled, POOLED_PERCENTILE), level);
  }

  public static GoodFraction of(double[] a, double[] b, double threshold, double level) {
    double z = NORMAL.inverseCumulativeProbability(0.5 + level / 2);
    double pa = fraction(a, threshold);
    double pb = fraction(b, threshold);
    double[] wa = wilson(pa, a.length, z);
    double[] wb = wilson(pb, b.length, z);
    double d = pb - pa;
    double low = d - Math.sqrt(square(pb - wb[0]) + square(wa[1] - pa));
    double high = d + Math.sqrt(square(wb[1] - pb) + square(pa - wa[0]));
    return new GoodFraction(threshold, pa, pb, low, high, level);
  }

  /** b's fraction minus a's. */
  public double difference() {
    return fractionB - fractionA;
  }

  private static double fraction(double[] errors, double threshold) {
    int good = 0;
    for (double e : errors) {
      good += e <= threshold + PooledRanks.TIE_TOLERANCE ? 1 : 0;
    }
    return good / (double) errors.length;
  }

  /** Wilson's score interval of a proportion p of n. */
  static double[] wilson(double p, int n, double z) {
    double z2 = z * z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {centre - half, centre + half};
  }

  private static double square(double x) {
    return x * x;
  }
}
