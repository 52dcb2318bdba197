package dev.designspace.runtime.analysis;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How far b's errors lie above a's: the Hodges-Lehmann estimate of the shift, the median of the na
 * nb differences b_j - a_i (negative: b's models are better), with its distribution-free interval,
 * the differences of ranks k and na nb + 1 - k, k the largest count with P(W <= k - 1) <= (1 -
 * level) / 2 for the Mann-Whitney count W of untied samples of these sizes (Lehmann,
 * Nonparametrics, 1975). The interval covers the shift with at least {@code level} probability when
 * the two distributions differ by a shift; it is unbounded when the samples are too small for the
 * level.
 *
 * @param estimate points of error, b minus a
 * @param low lower end, or -infinity
 * @param high upper end, or +infinity
 * @param level coverage of the interval, e.g. 0.95
 */
public record ShiftEstimate(double estimate, double low, double high, double level) {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  public static ShiftEstimate of(double[] a, double[] b, double level) {
    if (a.length == 0 || b.length == 0 || !(level > 0 && level < 1)) {
      throw new IllegalArgumentException("two non-empty samples and a level in (0, 1)");
    }
    int nm = a.length * b.length;
    double[] differences = new double[nm];
    int k = 0;
    for (double x : a) {
      for (double y : b) {
        differences[k++] = y - x;
      }
    }
    Arrays.sort(differences);
    int rank = criticalRank(a.length, b.length, (1 - level) / 2);
    double low = rank >= 1 ? differences[rank - 1] : Double.NEGATIVE_INFINITY;
    double high = rank >= 1 ? differences[nm - rank] : Double.POSITIVE_INFINITY;
    return new ShiftEstimate(Statistics.percentile(differences, 50), low, high, level);
  }

  /** The largest k with P(W <= k - 1) <= tail; 0 when even P(W <= 0) exceeds it. */
  static int criticalRank(int na, int nb, double tail) {
    MannWhitneyNull w = MannWhitneyNull.of(PooledRanks.untied(na, nb));
    int nm = na * nb;
    if (!w.exact()) {
      double mean = nm / 2.0;
      double sd = Math.sqrt(nm * (na + nb + 1) / 12.0);
      return (int)
          Math.max(0, Math.floor(mean - NORMAL.inverseCumulativeProbability(1 - tail) * sd));
    }
    int k = 0;
    while (k < nm / 2 && w.atMost(2L * k) <= tail) {
      k++;
    }
    return k;
  }

  public boolean bounded() {
    return Double.isFinite(low) && Double.isFinite(high);
  }
}
