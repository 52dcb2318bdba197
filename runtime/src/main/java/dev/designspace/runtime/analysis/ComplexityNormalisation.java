package dev.designspace.runtime.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The complexity normalisation of "On Network Design Spaces for Visual Recognition" (Radosavovic et
 * al., ICCV 2019), as its authors' code computes it: the spaces compared share one complexity range
 * (here the overlap of their ranges) cut into equal bins of log complexity; a model outside the
 * range gets weight 0, a model inside gets 1 / (its bin's count x bins), so that each space's
 * weights sum to 1 and every bin carries the same total weight 1 / bins in every space. Every bin
 * must hold a model of every space; the bin count starts from the models available (about {@link
 * #MODELS_PER_BIN} per bin, at most {@link #MAX_BINS}, the authors' figure) and drops until none is
 * empty.
 *
 * @param low lower end of the shared range (complexity, not its log)
 * @param high upper end
 * @param bins bins used
 * @param chosenBins bins the model count suggested, before empty bins forced fewer
 * @param weights per space, one weight per model (0 outside the range)
 * @param outside per space, models outside the range
 */
public record ComplexityNormalisation(
    double low, double high, int bins, int chosenBins, List<double[]> weights, int[] outside) {
  public static final int MAX_BINS = 40;
  public static final int MODELS_PER_BIN = 5;

  /**
   * The shared normalisation of spaces with these complexities; empty when their ranges do not
   * overlap.
   */
  public static java.util.Optional<ComplexityNormalisation> of(List<double[]> complexities) {
    if (complexities.isEmpty()) {
      throw new IllegalArgumentException("at least one space");
    }
    double low = Double.NEGATIVE_INFINITY;
    double high = Double.POSITIVE_INFINITY;
    for (double[] c : complexities) {
      if (c.length == 0) {
        return java.util.Optional.empty();
      }
      double min = Arrays.stream(c).min().orElseThrow();
      double max = Arrays.stream(c).max().orElseThrow();
      if (!(min > 0)) {
        throw new IllegalArgumentException("complexity must be > 0, got " + min);
      }
      low = Math.max(low, min);
      high = Math.min(high, max);
    }
    if (low > high) {
      return java.util.Optional.empty();
    }
    int fewest = Integer.MAX_VALUE;
    for (double[] c : complexities) {
      int inside = 0;
      for (double x : c) {
        inside += x >= low && x <= high ? 1 : 0;
      }
      fewest = Math.min(fewest, inside);
    }
    int chosen = Math.max(1, Math.min(MAX_BINS, fewest / MODELS_PER_BIN));
    for (int bins = chosen; bins >= 1; bins--) {
      List<int[]> counts = new ArrayList<>();
      boolean full = true;
      for (double[] c : complexities) {
        int[] count = new int[bins];
        for (double x : c) {
          int b = bin(x, low, high, bins);
          if (b >= 0) {
            count[b]++;
          }
        }
        full &= Arrays.stream(count).allMatch(k -> k > 0);
        counts.add(count);
      }
      if (!full) {
        continue;
      }
      List<double[]> weights = new ArrayList<>();
      int[] outside = new int[complexities.size()];
      for (int s = 0; s < complexities.size(); s++) {
        double[] c = complexities.get(s);
        double[] w = new double[c.length];
        for (int i = 0; i < c.length; i++) {
          int b = bin(c[i], low, high, bins);
          if (b < 0) {
            outside[s]++;
          } else {
            w[i] = 1.0 / (counts.get(s)[b] * (double) bins);
          }
        }
        weights.add(w);
      }
      return java.util.Optional.of(
          new ComplexityNormalisation(low, high, bins, chosen, weights, outside));
    }
    throw new AssertionError("one bin always holds a model of every space");
  }

  /** The bin of complexity x, by log complexity; -1 outside [low, high]. */
  public static int bin(double x, double low, double high, int bins) {
    if (x < low || x > high) {
      return -1;
    }
    if (high == low) {
      return 0;
    }
    double t = (Math.log(x) - Math.log(low)) / (Math.log(high) - Math.log(low));
    return Math.min(bins - 1, (int) Math.floor(t * bins));
  }

  /** The bin edges, bins + 1 of them, evenly spaced in log complexity. */
  public double[] edges() {
    double[] edges = new double[bins + 1];
    for (int k = 0; k <= bins; k++) {
      edges[k] = Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * k / bins);
    }
    return edges;
  }
}
