package dev.designspace.runtime.analysis;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * y = a * x^b fitted by least squares in log-log space (paper section 5: activations and parameters
 * against flops).
 *
 * @param rSquared of the log-log fit
 */
public record PowerLawFit(double a, double b, double rSquared) {

  public static PowerLawFit of(double[] x, double[] y) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException("need at least 2 (x, y) pairs");
    }
    SimpleRegression regression = new SimpleRegression();
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0) || !(y[i] > 0)) {
        throw new IllegalArgumentException("a power law needs positive x and y");
      }
      regression.addData(Math.log(x[i]), Math.log(y[i]));
    }
    return new PowerLawFit(
        Math.exp(regression.getIntercept()), regression.getSlope(), regression.getRSquare());
  }

  public double at(double x) {
    return a * Math.pow(x, b);
  }
}
