package dev.designspace.runtime.analysis;

import java.util.Arrays;

/**
 * The best error a random search of m models drawn (with replacement) from a design space can
 * expect, from the space's errors (the paper's random search efficiency curve): with sorted errors
 * e_(1) <= ... <= e_(n), P(best of m = e_(i)) = (1 - (i - 1)/n)^m - (1 - i/n)^m.
 */
public final class RandomSearchEfficiency {
  private final double[] sorted;

  public RandomSearchEfficiency(double[] errors) {
    if (errors.length == 0) {
      throw new IllegalArgumentException("no errors");
    }
    this.sorted = errors.clone();
    Arrays.sort(sorted);
  }

  /** Expected best error of m draws. */
  public double expectedBest(int m) {
    int n = sorted.length;
    double expected = 0;
    for (int i = 1; i <= n; i++) {
      double p = Math.pow(1 - (i - 1.0) / n, m) - Math.pow(1 - (double) i / n, m);
      expected += p * sorted[i - 1];
    }
    return expected;
  }

  /** The q-quantile of the best error of m draws: the smallest e_(i) with P(best <= e_(i)) >= q. */
  public double quantileOfBest(int m, double q) {
    int n = sorted.length;
    for (int i = 1; i <= n; i++) {
      if (1 - Math.pow(1 - (double) i / n, m) >= q - 1e-12) {
        return sorted[i - 1];
      }
    }
    return sorted[n - 1];
  }
}
