package dev.designspace.runtime.analysis;

import dev.designspace.generator.random.SplitMix64;

/**
 * How well one ranking of models agrees with another: Spearman's rho (Pearson's correlation of the
 * ranks, tied values sharing their mean rank) and Kendall's tau-b (concordant minus discordant
 * pairs over the pairs not tied in either ranking), each with a percentile bootstrap interval over
 * resampled models (pairs drawn with replacement, seeded, so reproducible).
 *
 * <p>Either coefficient is NaN when a ranking is constant (nothing to rank); a bootstrap resample
 * where that happens is skipped.
 */
public record RankCorrelation(
    int n, double spearman, Interval spearmanInterval, double kendall, Interval kendallInterval) {

  public static final int RESAMPLES = 2000;

  /**
   * A central interval of a bootstrap distribution; NaN bounds when no resample could be ranked.
   */
  public record Interval(double low, double high) {}

  public static RankCorrelation of(double[] x, double[] y, long seed) {
    return of(x, y, seed, RESAMPLES, 0.95);
  }

  public static RankCorrelation of(double[] x, double[] y, long seed, int resamples, double level) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "one y per x: " + x.length + " x values, " + y.length + " y values");
    }
    int n = x.length;
    if (n < 2) {
      throw new IllegalArgumentException("rank correlations need at least 2 models, got " + n);
    }
    double[] rhos = new double[resamples];
    double[] taus = new double[resamples];
    int kept = 0;
    SplitMix64 rng = new SplitMix64(seed);
    double[] bx = new double[n];
    double[] by = new double[n];
    for (int r = 0; r < resamples; r++) {
      for (int k = 0; k < n; k++) {
        int i = rng.nextInt(n);
        bx[k] = x[i];
        by[k] = y[i];
      }
      double rho = spearman(bx, by);
      double tau = kendall(bx, by);
      if (!Double.isNaN(rho) && !Double.isNaN(tau)) {
        rhos[kept] = rho;
        taus[kept] = tau;
        kept++;
      }
    }
    double tail = 100 * (1 - level) / 2;
    Interval spearmanInterval = interval(java.util.Arrays.copyOf(rhos, kept), tail);
    Interval kendallInterval = interval(java.util.Arrays.copyOf(taus, kept), tail);
    return new RankCorrelation(n, spearman(x, y), spearmanInterval, kendall(x, y), kendallInterval);
  }

  private static Interval interval(double[] values, double tail) {
    if (values.length == 0) {
      return new Interval(Double.NaN, Double.NaN);
    }
    return new Interval(
        Statistics.percentile(values, tail), Statistics.percentile(values, 100 - tail));
  }

  /** Spearman's rho with mid-ranks for ties. */
  public static double spearman(double[] x, double[] y) {
    return pearson(ranks(x), ranks(y));
  }

  /**
   * Kendall's tau-b: (C - D) / sqrt((n0 - n1)(n0 - n2)), n1 and n2 the pairs tied in x and in y.
   */
  public static double kendall(double[] x, double[] y) {
    long concordant = 0;
    long discordant = 0;
    long tiedX = 0;
    long tiedY = 0;
    int n = x.length;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int sx = Double.compare(x[i], x[j]);
        int sy = Double.compare(y[i], y[j]);
        if (sx == 0) {
          tiedX++;
        }
        if (sy == 0) {
          tiedY++;
        }
        if (sx != 0 && sy != 0) {
          if (sx == sy) {
            concordant++;
          } else {
            discordant++;
          }
        }
      }
    }
    long pairs = (long) n * (n - 1) / 2;
    double denominator = Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
    return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
  }

  /** 1-based ranks; tied values share the mean of the ranks they span. */
  static double[] ranks(double[] values) {
    int n = values.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && Double.compare(values[order[j + 1]], values[order[i]]) == 0) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = mid;
      }
      i = j + 1;
    }
    return ranks;
  }

  private static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }
}
