package dev.designspace.runtime.analysis;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The nominal level of each look of a sequential comparison, so that looking after every round of
 * models keeps a test's chance of a false rejection at {@code alpha} over all looks: the error is
 * spent over the information fraction t (0 < t <= 1) by Lan and DeMets' O'Brien-Fleming-type
 * function alpha(t) = 2 - 2 Phi(z_{1 - alpha/2} / sqrt t) (Lan and DeMets, Biometrika 1983), which
 * spends almost nothing at early looks and nearly all of alpha at the last. Each look's boundary is
 * the z at which the chance of first crossing there equals the error spent since the previous look,
 * for a statistic that accumulates like Brownian motion in t (Armitage, McPherson and Rowe's
 * recursive integration, here on a grid). The rank tests of a comparison are read against these
 * levels as nominal p-value thresholds; the simulation tests check that their false verdicts stay
 * at alpha.
 */
public final class GroupSequentialDesign {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /** Grid step of the integration, in units of W (standard deviation at t = 1). */
  private static final double STEP = 0.005;

  /** Lower end of the grid: W(t) below -8 has no mass that matters. */
  private static final double LOW = -8;

  private GroupSequentialDesign() {}

  /** alpha(t): the error spent by information fraction t. */
  public static double spent(double alpha, double t) {
    if (!(t > 0)) {
      return 0;
    }
    double z = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
    return 2 * (1 - NORMAL.cumulativeProbability(z / Math.sqrt(Math.min(1, t))));
  }

  /**
   * The one-sided nominal level of each look: reject at look k when the test's p-value is at most
   * the k-th level.
   *
   * @param fractions the information fractions of the looks, increasing, at most 1
   */
  public static double[] nominalLevels(double alpha, double[] fractions) {
    double[] z = boundaries(alpha, fractions);
    double[] levels = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      levels[k] = Double.isInfinite(z[k]) ? 0 : 1 - NORMAL.cumulativeProbability(z[k]);
    }
    return levels;
  }

  /** The z boundary of each look (+infinity where a look spends nothing). */
  public static double[] boundaries(double alpha, double[] fractions) {
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new IllegalArgumentException("alpha must be in (0, 0.5), got " + alpha);
    }
    for (int k = 0; k < fractions.length; k++) {
      double previous = k == 0 ? 0 : fractions[k - 1];
      if (!(fractions[k] > previous && fractions[k] <= 1 + 1e-12)) {
        throw new IllegalArgumentException(
            "information fractions must increase within (0, 1], got " + fractions[k]);
      }
    }
    double[] z = new double[fractions.length];
    if (fractions.length == 0) {
      return z;
    }
    double t1 = fractions[0];
    z[0] = NORMAL.inverseCumulativeProbability(1 - spent(alpha, t1));
    // the density of W(t) over the region where no look has crossed yet, on a grid ending at the
    // boundary
    double high = z[0] * Math.sqrt(t1);
    int points = gridPoints(high);
    double[] x = grid(high, points);
    double[] density = new double[points];
    for (int i = 0; i < points; i++) {
      density[i] = NORMAL.density(x[i] / Math.sqrt(t1)) / Math.sqrt(t1);
    }
    for (int k = 1; k < fractions.length; k++) {
      double step = Math.sqrt(fractions[k] - fractions[k - 1]);
      double target = spent(alpha, fractions[k]) - spent(alpha, fractions[k - 1]);
      double b = boundaryFor(target, x, density, step);
      z[k] = b / Math.sqrt(fractions[k]);
      if (k + 1 < fractions.length) {
        double newHigh = Double.isInfinite(b) ? x[points - 1] + 10 * step : b;
        int newPoints = gridPoints(newHigh);
        double[] newX = grid(newHigh, newPoints);
        double[] newDensity = new double[newPoints];
        double h = x[1] - x[0];
        for (int i = 0; i < newPoints; i++) {
          double sum = 0;
          for (int j = 0; j < points; j++) {
            double w = (j == 0 || j == points - 1) ? 0.5 : 1;
            sum += w * density[j] * NORMAL.density((newX[i] - x[j]) / step);
          }
          newDensity[i] = sum * h / step;
        }
        x = newX;
        density = newDensity;
        points = newPoints;
      }
    }
    return z;
  }

  /** The b at which the chance of crossing from the current region to above b equals target. */
  private static double boundaryFor(double target, double[] x, double[] density, double step) {
    if (target <= 1e-15) {
      return Double.POSITIVE_INFINITY;
    }
    double lo = x[0];
    double hi = x[x.length - 1] + 12 * step;
    for (int iteration = 0; iteration < 100; iteration++) {
      double mid = (lo + hi) / 2;
      if (crossing(mid, x, density, step) > target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static double crossing(double b, double[] x, double[] density, double step) {
    double h = x[1] - x[0];
    double sum = 0;
    for (int j = 0; j < x.length; j++) {
      double w = (j == 0 || j == x.length - 1) ? 0.5 : 1;
      sum += w * density[j] * (1 - NORMAL.cumulativeProbability((b - x[j]) / step));
    }
    return sum * h;
  }

  private static int gridPoints(double high) {
    return Math.max(50, (int) Math.ceil((high - LOW) / STEP)) + 1;
  }

  private static double[] grid(double high, int points) {
    double[] x = new double[points];
    for (int i = 0; i < points; i++) {
      x[i] = LOW + (high - LOW) * i / (points - 1);
    }
    return x;
  }
}
