package dev.designspace.runtime.analysis;

import dev.designspace.generator.random.SplitMix64;

/**
 * The one-sided KS comparison of two complexity-normalised EDFs: the largest excess of b's weighted
 * EDF over a's and of a's over b's, each with a permutation p-value. The permutations shuffle the
 * space labels of the models inside the shared range (the sizes kept) and weigh each shuffled space
 * again over the same bins, so the p-value needs no distribution theory for weighted EDFs. Seeded:
 * the same data give the same p-values.
 *
 * @param bAbove sup (F_b - F_a) of the normalised EDFs
 * @param aAbove sup (F_a - F_b)
 * @param pBAbove (1 + permutations with an excess of b at least bAbove) / (1 + permutations)
 * @param pAAbove the same for a
 */
public record NormalisedDominance(
    double bAbove, double aAbove, double pBAbove, double pAAbove, int permutations) {
  public static final int PERMUTATIONS = 2000;

  /** Compares a and b inside the shared range and bins of {@code n}. */
  public static NormalisedDominance of(
      double[] errorsA,
      double[] complexityA,
      double[] errorsB,
      double[] complexityB,
      ComplexityNormalisation n) {
    int[] binA = bins(complexityA, n);
    int[] binB = bins(complexityB, n);
    double[] observed = excesses(errorsA, binA, errorsB, binB, n.bins());
    // pool the models inside the range
    int inA = count(binA);
    int inB = count(binB);
    double[] errors = new double[inA + inB];
    int[] bin = new int[inA + inB];
    int k = 0;
    for (int i = 0; i < binA.length; i++) {
      if (binA[i] >= 0) {
        errors[k] = errorsA[i];
        bin[k++] = binA[i];
      }
    }
    for (int i = 0; i < binB.length; i++) {
      if (binB[i] >= 0) {
        errors[k] = errorsB[i];
        bin[k++] = binB[i];
      }
    }
    SplitMix64 rng = new SplitMix64(0xedf);
    int[] order = new int[errors.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int bExceeds = 0;
    int aExceeds = 0;
    double[] ea = new double[inA];
    int[] ba = new int[inA];
    double[] eb = new double[inB];
    int[] bb = new int[inB];
    for (int p = 0; p < PERMUTATIONS; p++) {
      rng.shuffle(order);
      for (int i = 0; i < inA; i++) {
        ea[i] = errors[order[i]];
        ba[i] = bin[order[i]];
      }
      for (int i = 0; i < inB; i++) {
        eb[i] = errors[order[inA + i]];
        bb[i] = bin[order[inA + i]];
      }
      double[] e = excesses(ea, ba, eb, bb, n.bins());
      bExceeds += e[0] >= observed[0] - 1e-12 ? 1 : 0;
      aExceeds += e[1] >= observed[1] - 1e-12 ? 1 : 0;
    }
    return new NormalisedDominance(
        observed[0],
        observed[1],
        (1.0 + bExceeds) / (1 + PERMUTATIONS),
        (1.0 + aExceeds) / (1 + PERMUTATIONS),
        PERMUTATIONS);
  }

  /** The dominance verdict at {@code alpha}: better, worse, different, or undecided. */
  public Verdict verdict(double alpha) {
    return Verdict.of(new VerdictTests(pBAbove, pAAbove, 1, 1), alpha);
  }

  private static int[] bins(double[] complexity, ComplexityNormalisation n) {
    int[] bins = new int[complexity.length];
    for (int i = 0; i < bins.length; i++) {
      bins[i] = ComplexityNormalisation.bin(complexity[i], n.low(), n.high(), n.bins());
    }
    return bins;
  }

  private static int count(int[] bins) {
    int c = 0;
    for (int b : bins) {
      c += b >= 0 ? 1 : 0;
    }
    return c;
  }

  /** {sup (F_b - F_a), sup (F_a - F_b)} of the two samples weighted over their bins. */
  static double[] excesses(double[] ea, int[] ba, double[] eb, int[] bb, int bins) {
    double[] wa = weights(ba, bins);
    double[] wb = weights(bb, bins);
    int n = ea.length + eb.length;
    double[] value = new double[n];
    double[] delta = new double[n]; // + for b's weight, - for a's
    for (int i = 0; i < ea.length; i++) {
      value[i] = ea[i];
      delta[i] = -wa[i];
    }
    for (int i = 0; i < eb.length; i++) {
      value[ea.length + i] = eb[i];
      delta[ea.length + i] = wb[i];
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(value[x], value[y]));
    double running = 0;
    double bMax = 0;
    double aMax = 0;
    for (int k = 0; k < n; k++) {
      running += delta[order[k]];
      boolean groupEnd =
          k == n - 1 || value[order[k + 1]] - value[order[k]] > PooledRanks.TIE_TOLERANCE;
      if (groupEnd) {
        bMax = Math.max(bMax, running);
        aMax = Math.max(aMax, -running);
      }
    }
    return new double[] {bMax, aMax};
  }

  /** 1 / (count x non-empty bins) per model (weight 0 for -1), summing to 1. */
  private static double[] weights(int[] bin, int bins) {
    int[] count = new int[bins];
    for (int b : bin) {
      if (b >= 0) {
        count[b]++;
      }
    }
    long nonEmpty = java.util.Arrays.stream(count).filter(c -> c > 0).count();
    double[] w = new double[bin.length];
    for (int i = 0; i < bin.length; i++) {
      w[i] = bin[i] < 0 ? 0 : 1.0 / (count[bin[i]] * (double) nonEmpty);
    }
    return w;
  }
}
