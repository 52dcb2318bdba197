package dev.designspace.runtime.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The distribution of the Mann-Whitney count of b's wins when the two samples are exchangeable:
 * every assignment of the pooled values to the samples equally likely. Exact (counted over the tie
 * groups, so exact with ties too) while na x nb is at most {@link #EXACT_LIMIT} ({@link
 * #EXACT_TIED_LIMIT} with ties, whose counts cannot be cached by size); beyond that the normal
 * approximation with the tie-corrected variance and a continuity correction.
 */
final class MannWhitneyNull {
  /** Largest na x nb counted exactly. */
  static final int EXACT_LIMIT = 2500;

  /** Largest na x nb counted exactly when values are tied (the counting is per tie pattern). */
  static final int EXACT_TIED_LIMIT = 400;

  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /** Exact distributions without ties, by size: they depend on the sizes only. */
  private static final Map<Long, double[]> UNTIED = new ConcurrentHashMap<>();

  private final PooledRanks ranks;

  /** P(2W = k), k = 0 .. 2 na nb; null where the normal approximation is used. */
  private final double[] probabilities;

  private MannWhitneyNull(PooledRanks ranks, double[] probabilities) {
    this.ranks = ranks;
    this.probabilities = probabilities;
  }

  static MannWhitneyNull of(PooledRanks ranks) {
    long nm = (long) ranks.na * ranks.nb;
    if (nm > EXACT_LIMIT || (ranks.hasTies() && nm > EXACT_TIED_LIMIT)) {
      return new MannWhitneyNull(ranks, null);
    }
    if (!ranks.hasTies()) {
      long key = ((long) ranks.na << 32) | ranks.nb;
      return new MannWhitneyNull(ranks, UNTIED.computeIfAbsent(key, k -> count(ranks)));
    }
    return new MannWhitneyNull(ranks, count(ranks));
  }

  /**
   * Counts the assignments group by group: a tie group of size t that receives x of b's values adds
   * 2 x (a's values above the group) + x (t - x) to 2W, in C(t, x) ways.
   */
  private static double[] count(PooledRanks r) {
    int max = 2 * r.na * r.nb;
    // ways[j][w]: assignments of the groups so far with j of b's values among them and 2W = w
    double[][] ways = new double[r.nb + 1][max + 1];
    ways[0][0] = 1;
    int position = 0;
    for (int size : r.groups) {
      double[][] next = new double[r.nb + 1][max + 1];
      double[] choose = binomialRow(size);
      for (int j = 0; j <= r.nb; j++) {
        int aBefore = position - j;
        if (aBefore < 0 || aBefore > r.na) {
          continue;
        }
        for (int x = 0; x <= size && j + x <= r.nb; x++) {
          int aHere = size - x;
          int aAfter = r.na - aBefore - aHere;
          if (aAfter < 0) {
            continue;
          }
          int add = 2 * x * aAfter + x * aHere;
          for (int w = 0; w + add <= max; w++) {
            if (ways[j][w] != 0) {
              next[j + x][w + add] += ways[j][w] * choose[x];
            }
          }
        }
      }
      ways = next;
      position += size;
    }
    double[] counts = ways[r.nb];
    double total = 0;
    for (double c : counts) {
      total += c;
    }
    for (int w = 0; w <= max; w++) {
      counts[w] /= total;
    }
    return counts;
  }

  private static double[] binomialRow(int n) {
    double[] row = new double[n + 1];
    row[0] = 1;
    for (int k = 1; k <= n; k++) {
      row[k] = row[k - 1] * (n - k + 1) / k;
    }
    return row;
  }

  boolean exact() {
    return probabilities != null;
  }

  /** P(2W >= twice). */
  double atLeast(long twice) {
    if (probabilities == null) {
      return 1 - NORMAL.cumulativeProbability((twice - 1 - mean()) / sd());
    }
    double p = 0;
    for (long w = Math.max(0, twice); w < probabilities.length; w++) {
      p += probabilities[(int) w];
    }
    return Math.min(1, p);
  }

  /** P(2W <= twice). */
  double atMost(long twice) {
    if (probabilities == null) {
      return NORMAL.cumulativeProbability((twice + 1 - mean()) / sd());
    }
    double p = 0;
    for (long w = 0; w <= Math.min(twice, probabilities.length - 1); w++) {
      p += probabilities[(int) w];
    }
    return Math.min(1, p);
  }

  /** E[2W] = na nb. */
  private double mean() {
    return (double) ranks.na * ranks.nb;
  }

  /** sd of 2W: twice the tie-corrected sd of W. */
  private double sd() {
    double n = ranks.na + ranks.nb;
    double ties = 0;
    for (int t : ranks.groups) {
      ties += (double) t * t * t - t;
    }
    double variance = ranks.na * (double) ranks.nb / 12 * ((n + 1) - ties / (n * (n - 1)));
    return 2 * Math.sqrt(Math.max(variance, 1e-12));
  }
}
