package dev.designspace.runtime.analysis;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/** Small statistics shared by the analyses. */
final class Statistics {
  private Statistics() {}

  /** numpy's default percentile (linear interpolation, commons-math estimation R-7). */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (values.length == 1) {
      return values[0];
    }
    double[] copy = values.clone();
    Arrays.sort(copy);
    return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(copy, p);
  }
}
