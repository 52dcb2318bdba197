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
    double both;
    double p = Double.NaN;
    double q = Double.NaN;
    try {
      OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
      ols.newSampleData(y, x);
      double[] beta = ols.estimateRegressionParameters();
      p = beta[1];
      q = beta[2];
      both = ols.calculateRSquared();
    } catch (org.apache.commons.math3.linear.SingularMatrixException e) {
      both = Double.NaN; // flops and acts move together exactly: no telling them apart
    }
    return new RuntimeFit(
        n, PowerLawFit.of(flops, millis), PowerLawFit.of(acts, millis), p, q, both);
  }

  /** The fit in words, for the report. */
  public String sentence() {
    return String.format(
        java.util.Locale.ROOT,
        "inference time (%d models) = %.3g * flops^%.2f (R^2 %.2f), = %.3g * acts^%.2f (R^2 %.2f);"
            + " with both, flops^%.2f * acts^%.2f (R^2 %.2f)",
        models,
        flops.a(),
        flops.b(),
        flops.rSquared(),
        acts.a(),
        acts.b(),
        acts.rSquared(),
        flopsExponent,
        actsExponent,
        bothRSquared);
  }
}
