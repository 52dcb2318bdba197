package dev.designspace.runtime.refine;

import dev.designspace.runtime.analysis.SpaceComparison;
import java.util.Arrays;
import java.util.Locale;

/**
 * The errors of the models that satisfy a restriction against those that violate it.
 *
 * @param inside models that satisfy it
 * @param outside models that violate it
 * @param superiority the probability that a model inside has a lower error than one outside (ties
 *     count half): the Mann-Whitney U of the inside group over inside x outside
 * @param pValue one-sided Mann-Whitney p-value of "inside has lower errors" (half the two-sided
 *     p-value of {@link SpaceComparison} when the inside group is the better one)
 */
public record GroupEvidence(
    int inside,
    int outside,
    double insideMedian,
    double outsideMedian,
    double superiority,
    double pValue) {

  /** Models each group needs before it is tested at all. */
  public static final int MIN_GROUP = 5;

  static GroupEvidence of(double[] in, double[] out) {
    if (in.length < 2 || out.length < 2) {
      throw new IllegalArgumentException("each group needs at least 2 models");
    }
    double wins = 0;
    for (double a : in) {
      for (double b : out) {
        wins += a < b ? 1 : a == b ? 0.5 : 0;
      }
    }
    double superiority = wins / ((double) in.length * out.length);
    double twoSided = SpaceComparison.of(in, out).mannWhitneyPValue();
    double oneSided = superiority > 0.5 ? twoSided / 2 : 1 - twoSided / 2;
    return new GroupEvidence(in.length, out.length, median(in), median(out), superiority, oneSided);
  }

  /** Whether both groups are large enough to be tested. */
  static boolean testable(int inside, int outside) {
    return inside >= MIN_GROUP && outside >= MIN_GROUP;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The figures in one line, e.g. for a YAML comment. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d models satisfy it (median error %.2f%%), %d do not (median %.2f%%); P(a satisfying"
            + " model beats one that does not) = %.2f, one-sided Mann-Whitney p = %.2g",
        inside,
        insideMedian,
        outside,
        outsideMedian,
        superiority,
        pValue);
  }
}
