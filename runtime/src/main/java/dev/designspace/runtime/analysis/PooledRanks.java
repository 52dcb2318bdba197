package dev.designspace.runtime.analysis;

import java.util.Arrays;

/**
 * Two samples pooled and sorted, as the rank tests see them: which sample each value came from, in
 * ascending order, and where one group of tied values ends and the next begins. Values equal to
 * within {@link #TIE_TOLERANCE} are ties: errors are multiples of a test set's 1/n, and a sample
 * shifted by a margin must tie with the other where the unshifted values would.
 */
final class PooledRanks {
  /** Values closer than this are tied. */
  static final double TIE_TOLERANCE = 1e-9;

  /** Per pooled position in ascending order: true where the value came from sample b. */
  final boolean[] fromB;

  /** Sizes of the tie groups, in ascending order of value. */
  final int[] groups;

  final int na;
  final int nb;

  private PooledRanks(boolean[] fromB, int[] groups, int na, int nb) {
    this.fromB = fromB;
    this.groups = groups;
    this.na = na;
    this.nb = nb;
  }

  static PooledRanks of(double[] a, double[] b) {
    int n = a.length + b.length;
    double[] values = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      values[i] = i < a.length ? a[i] : b[i - a.length];
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
    boolean[] fromB = new boolean[n];
    int[] groups = new int[n];
    int groupCount = 0;
    double groupStart = Double.NaN;
    for (int k = 0; k < n; k++) {
      double v = values[order[k]];
      fromB[k] = order[k] >= a.length;
      if (k == 0 || v - groupStart > TIE_TOLERANCE) {
        groups[groupCount++] = 0;
        groupStart = v;
      }
      groups[groupCount - 1]++;
    }
    return new PooledRanks(fromB, Arrays.copyOf(groups, groupCount), a.length, b.length);
  }

  /** Sizes without ties: what the distribution of W depends on when nothing is tied. */
  static PooledRanks untied(int na, int nb) {
    int[] groups = new int[na + nb];
    java.util.Arrays.fill(groups, 1);
    return new PooledRanks(new boolean[na + nb], groups, na, nb);
  }

  boolean hasTies() {
    return groups.length < na + nb;
  }

  /**
   * Twice the Mann-Whitney count of b's wins: pairs (a, b) with b below a count 2, tied pairs 1.
   * Twice, so that it is an integer.
   */
  long twiceBWins() {
    long twice = 0;
    int position = 0;
    int aBefore = 0;
    for (int size : groups) {
      int bHere = 0;
      for (int k = position; k < position + size; k++) {
        bHere += fromB[k] ? 1 : 0;
      }
      int aHere = size - bHere;
      int aAfter = na - aBefore - aHere;
      twice += 2L * bHere * aAfter + (long) bHere * aHere;
      aBefore += aHere;
      position += size;
    }
    return twice;
  }
}
