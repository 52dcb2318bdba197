package dev.designspace.runtime.analysis;

/**
 * Whether one error EDF lies above the other: the one-sided two-sample Kolmogorov-Smirnov tests in
 * both directions. {@code bAbove} = sup_e (F_b(e) - F_a(e)), the largest excess of b's models below
 * an error level over a's; its p-value is the chance of an excess at least as large when the two
 * samples are exchangeable. Exact (counted over the orderings of the pooled values, with ties kept
 * together) while na x nb is at most {@link #EXACT_LIMIT}; beyond that Smirnov's limit exp(-2 d^2
 * na nb / (na + nb)).
 *
 * @param bAbove sup (F_b - F_a), 0 when b's EDF is nowhere above a's
 * @param aAbove sup (F_a - F_b)
 * @param pBAbove P(sup (F_b - F_a) >= bAbove) under exchangeability
 * @param pAAbove P(sup (F_a - F_b) >= aAbove) under exchangeability
 */
public record EdfDominance(double bAbove, double aAbove, double pBAbove, double pAAbove) {
  /** Largest na x nb counted exactly. */
  static final int EXACT_LIMIT = 10_000;

  public static EdfDominance of(double[] a, double[] b) {
    PooledRanks ranks = PooledRanks.of(a, b);
    long bExcess = largestExcess(ranks, true);
    long aExcess = largestExcess(ranks, false);
    double scale = (double) ranks.na * ranks.nb;
    return new EdfDominance(
        bExcess / scale,
        aExcess / scale,
        pValue(ranks, bExcess, true),
        pValue(ranks, aExcess, false));
  }

  /**
   * The largest of (j na - i nb) over the ends of tie groups, i of a's and j of b's values at or
   * below it: na nb sup (F_b - F_a), an integer (or the same for a with the roles swapped).
   */
  private static long largestExcess(PooledRanks r, boolean forB) {
    long best = 0;
    int i = 0;
    int j = 0;
    int position = 0;
    for (int size : r.groups) {
      for (int k = position; k < position + size; k++) {
        if (r.fromB[k]) {
          j++;
        } else {
          i++;
        }
      }
      position += size;
      best = Math.max(best, excess(r, i, j, forB));
    }
    return best;
  }

  private static long excess(PooledRanks r, int i, int j, boolean forB) {
    long difference = (long) j * r.na - (long) i * r.nb;
    return forB ? difference : -difference;
  }

  /**
   * P(the largest excess >= observed): one minus the chance that a uniformly random ordering stays
   * below it at every end of a tie group, walked cell by cell; cell (i, j) moves to (i + 1, j) with
   * probability (na - i) / (values left).
   */
  private static double pValue(PooledRanks r, long observed, boolean forB) {
    if (observed <= 0) {
      return 1;
    }
    int na = r.na;
    int nb = r.nb;
    if ((long) na * nb > EXACT_LIMIT) {
      double d = observed / ((double) na * nb);
      return Math.min(1, Math.exp(-2 * d * d * na * nb / (na + nb)));
    }
    // a group end after every position where the value changes
    boolean[] groupEnd = new boolean[na + nb + 1];
    int position = 0;
    for (int size : r.groups) {
      position += size;
      groupEnd[position] = true;
    }
    // stay[i][j]: probability of reaching (i, j) without an excess >= observed at a group end
    double[] row = new double[nb + 1];
    row[0] = 1;
    for (int i = 0; i <= na; i++) {
      double[] next = new double[nb + 1];
      for (int j = 0; j <= nb; j++) {
        if (j > 0) {
          // arrive from (i, j - 1) by taking one of b's values
          int left = na - i + nb - (j - 1);
          row[j] += row[j - 1] * (nb - (j - 1)) / (double) left;
        }
        if (groupEnd[i + j] && excess(r, i, j, forB) >= observed) {
          row[j] = 0;
        }
        if (i < na) {
          int left = na - i + nb - j;
          next[j] += row[j] * (na - i) / (double) left;
        }
      }
      if (i == na) {
        return Math.max(0, Math.min(1, 1 - row[nb]));
      }
      row = next;
    }
    throw new AssertionError("unreachable");
  }
}
