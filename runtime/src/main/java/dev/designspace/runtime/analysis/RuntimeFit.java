package dev.designspace.runtime.analysis;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * What a model's inference time follows (the paper's complexity analysis, section 4): power laws of
 * the time against flops and against activations, each with its R^2 in log-log space, and both at
 * once, log t = c + p log flops + q log acts, whose R^2 above the better single one says the time
 * depends on activations as well as on flops.
 *
 * @param models the models measured
 */
public record RuntimeFit(
    int models,
    PowerLawFit flops,
    PowerLawFit acts,
    double flopsExponent,
    double actsExponent,
    double bothRSquared) {

  /**
   * The correlation of log flops and log acts above which a joint fit's exponents mean nothing: the
   * two measures are then one.
   */
  static final double COLLINEAR = 0.999;

  /** The fewest models the fit of two exponents and a constant is made on. */
  public static final int MIN_MODELS = 5;

  /**
   * @param millis inference times, positive
   * @throws IllegalArgumentException for fewer than {@link #MIN_MODELS} models or unequal lengths
   */
  public static RuntimeFit of(double[] flops, double[] acts, double[] millis) {
    int n = millis.length;
    if (n < MIN_MODELS || flops.length != n || acts.length != n) {
      throw new IllegalArgumentException(
          "a runtime fit needs at least " + MIN_MODELS + " models with flops, acts and a time");
    }
    double[] y = new double[n];
    double[][] x = new double[n][2];
    for (int i = 0; i < n; i++) {
      y[i] = Math.log(millis[i]);
      x[i][0] = Math.log(flops[i]);
      x[i][1] = Math.log(acts[i]);
    }
    double both = Double.NaN;
    double p = Double.NaN;
    double q = Double.NaN;
    double[] logFlops = new double[n];
    double[] logActs = new double[n];
    for (int i = 0; i < n; i++) {
      logFlops[i] = x[i][0];
      logActs[i] = x[i][1];
    }
    // where flops and acts move together the two exponents cannot be told apart: no joint fit
    double together =
        Math.abs(
            new org.apache.commons.math3.stat.correlation.PearsonsCorrelation()
                .correlation(logFlops, logActs));
    if (together < COLLINEAR) {
      OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
      ols.newSampleData(y, x);
      double[] beta = ols.estimateRegressionParameters();
      p = beta[1];
      q = beta[2];
      both = ols.calculateRSquared();
    }
    return new RuntimeFit(
        n, PowerLawFit.of(flops, millis), PowerLawFit.of(acts, millis), p, q, both);
  }

  /** The fit in words, for the report. */
  public String sentence() {
    String each =
        String.format(
            java.util.Locale.ROOT,
            "inference time (%d models) = %.3g * flops^%.2f (R^2 %.2f), = %.3g * acts^%.2f (R^2"
                + " %.2f)",
            models,
            flops.a(),
            flops.b(),
            flops.rSquared(),
            acts.a(),
            acts.b(),
            acts.rSquared());
    return Double.isNaN(bothRSquared)
        ? each + "; flops and acts move together here, so no fit of both"
        : each
            + String.format(
                java.util.Locale.ROOT,
                "; with both, flops^%.2f * acts^%.2f (R^2 %.2f)",
                flopsExponent,
                actsExponent,
                bothRSquared);
  }
}
