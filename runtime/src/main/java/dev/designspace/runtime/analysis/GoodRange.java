package dev.designspace.runtime.analysis;

import dev.designspace.generator.random.SplitMix64;

/**
 * pycls's bootstrap "good range" of a metric: draw {@code resamples} subsets of 25% of the models
 * (with replacement), keep the metric value of each subset's best (lowest-error) model, and report
 * the 2.5th, 50th and 97.5th percentiles of those values. Seeded, so reproducible.
 */
public record GoodRange(double low, double median, double high) {

  public static final int RESAMPLES = 2500;
  public static final double FRACTION = 0.25;

  public static GoodRange of(double[] metric, double[] errors, long seed) {
    return of(metric, errors, seed, RESAMPLES, FRACTION);
  }

  public static GoodRange of(
      double[] metric, double[] errors, long seed, int resamples, double fraction) {
    if (metric.length != errors.length || errors.length == 0) {
      throw new IllegalArgumentException("one metric value per error, at least one");
    }
    int n = errors.length;
    int size = Math.max(1, (int) (fraction * n));
    SplitMix64 rng = new SplitMix64(seed);
    double[] best = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      int argmin = rng.nextInt(n);
      for (int k = 1; k < size; k++) {
        int i = rng.nextInt(n);
        if (errors[i] < errors[argmin]) {
          argmin = i;
        }
      }
      best[r] = metric[argmin];
    }
    return new GoodRange(
        Statistics.percentile(best, 2.5),
        Statistics.percentile(best, 50),
        Statistics.percentile(best, 97.5));
  }

  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}
