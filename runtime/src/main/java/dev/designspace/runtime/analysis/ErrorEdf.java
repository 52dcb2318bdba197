package dev.designspace.runtime.analysis;

import java.util.Arrays;

/**
 * The empirical distribution function of model errors, F(e) = sum_i w_i 1[e_i < e] (the paper's
 * definition), with equal weights 1/n or, normalised, the weights of a {@link
 * ComplexityNormalisation}.
 */
public final class ErrorEdf {
  private final double[] errors;
  private final double[] cumulative;

  private ErrorEdf(double[] sortedErrors, double[] cumulative) {
    this.errors = sortedErrors;
    this.cumulative = cumulative;
  }

  /** Equal weights. */
  public static ErrorEdf of(double[] errors) {
    requireErrors(errors);
    double[] weights = new double[errors.length];
    Arrays.fill(weights, 1.0 / errors.length);
    return build(errors, weights);
  }

  /**
   * Weighted, as the complexity-normalised EDF ({@link ComplexityNormalisation}): models with
   * weight 0 are left out; the weights of the others must sum to 1.
   */
  public static ErrorEdf weighted(double[] errors, double[] weights) {
    requireErrors(errors);
    if (weights.length != errors.length) {
      throw new IllegalArgumentException("one weight per error");
    }
    int kept = 0;
    double sum = 0;
    for (double w : weights) {
      if (!(w >= 0)) {
        throw new IllegalArgumentException("weights must be >= 0, got " + w);
      }
      kept += w > 0 ? 1 : 0;
      sum += w;
    }
    if (kept == 0 || Math.abs(sum - 1) > 1e-9) {
      throw new IllegalArgumentException("the weights must sum to 1, got " + sum);
    }
    double[] e = new double[kept];
    double[] w = new double[kept];
    int k = 0;
    for (int i = 0; i < errors.length; i++) {
      if (weights[i] > 0) {
        e[k] = errors[i];
        w[k++] = weights[i];
      }
    }
    return build(e, w);
  }

  private static ErrorEdf build(double[] errors, double[] weights) {
    Integer[] order = new Integer[errors.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(errors[a], errors[b]));
    double[] sorted = new double[errors.length];
    double[] cumulative = new double[errors.length];
    double sum = 0;
    for (int k = 0; k < order.length; k++) {
      sorted[k] = errors[order[k]];
      sum += weights[order[k]];
      cumulative[k] = sum;
    }
    return new ErrorEdf(sorted, cumulative);
  }

  private static void requireErrors(double[] errors) {
    if (errors.length == 0) {
      throw new IllegalArgumentException("an EDF needs at least one error");
    }
    for (double e : errors) {
      if (!Double.isFinite(e)) {
        throw new IllegalArgumentException("errors must be finite, got " + e);
      }
    }
  }

  public int size() {
    return errors.length;
  }

  /** F(e): the weight of models with error strictly below e. */
  public double at(double e) {
    int below = lowerBound(e);
    return below == 0 ? 0 : cumulative[below - 1];
  }

  /** The errors in ascending order: the EDF's step positions. */
  public double[] sortedErrors() {
    return errors.clone();
  }

  /** F just after each step: the weight of models with error at most the k-th smallest. */
  public double[] stepHeights() {
    return cumulative.clone();
  }

  public double min() {
    return errors[0];
  }

  public double mean() {
    return Arrays.stream(errors).average().orElseThrow();
  }

  /** The q-quantile of the errors (linear interpolation between order statistics, as numpy). */
  public double quantile(double q) {
    return Statistics.percentile(errors, 100 * q);
  }

  /**
   * Half-width of the 95% (1 - alpha) Dvoretzky-Kiefer-Wolfowitz band: with probability 1 - alpha
   * the true CDF lies within F +- epsilon everywhere, epsilon = sqrt(ln(2 / alpha) / (2 n)).
   */
  public static double dkwEpsilon(int n, double alpha) {
    if (n < 1 || !(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("n >= 1 and alpha in (0, 1)");
    }
    return Math.sqrt(Math.log(2 / alpha) / (2.0 * n));
  }

  private int lowerBound(double e) {
    int lo = 0;
    int hi = errors.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (errors[mid] < e) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
