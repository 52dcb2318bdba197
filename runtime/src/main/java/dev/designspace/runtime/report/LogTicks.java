package dev.designspace.runtime.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Tick values of a logarithmic axis at 1, 2 and 5 times a power of ten, labelled as plain numbers
 * (6M, 10M, 20M; 0.5; 250k), never as fractional powers of ten.
 */
final class LogTicks {
  /** Fewer ticks than this and the axis falls back to every integer mantissa. */
  static final int MIN_TICKS = 2;

  /** More ticks than this and the axis keeps only the powers of ten. */
  static final int MAX_TICKS = 8;

  private static final int[] PAPER = {1, 2, 5};
  private static final int[] DENSE = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  private static final int[] DECADES = {1};

  private LogTicks() {}

  /** The ticks within {@code [low, high]} (both positive), ascending. */
  static List<Double> between(double low, double high) {
    if (!(low > 0) || !(high >= low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException(
          "a log axis needs 0 < low <= high, not [" + low + ", " + high + "]");
    }
    List<Double> ticks = candidates(low, high, PAPER);
    if (ticks.size() < MIN_TICKS) {
      ticks = candidates(low, high, DENSE);
    } else if (ticks.size() > MAX_TICKS) {
      ticks = candidates(low, high, DECADES);
      int stride = (ticks.size() + MAX_TICKS - 1) / MAX_TICKS;
      List<Double> thinned = new ArrayList<>();
      for (int i = 0; i < ticks.size(); i += stride) {
        thinned.add(ticks.get(i));
      }
      ticks = thinned;
    }
    return ticks;
  }

  private static List<Double> candidates(double low, double high, int[] mantissas) {
    List<Double> ticks = new ArrayList<>();
    int first = (int) Math.floor(Math.log10(low)) - 1;
    int last = (int) Math.ceil(Math.log10(high)) + 1;
    for (int k = first; k <= last; k++) {
      for (int m : mantissas) {
        // BigDecimal keeps 2 x 10^-1 exactly 0.2 rather than 0.20000000000000004
        double tick = BigDecimal.valueOf(m).scaleByPowerOfTen(k).doubleValue();
        if (tick >= low * (1 - 1e-12) && tick <= high * (1 + 1e-12)) {
          ticks.add(tick);
        }
      }
    }
    return ticks;
  }

  /** A plain label: 3 significant digits at most, with k, M, G or T for thousands and up. */
  static String label(double value) {
    double abs = Math.abs(value);
    String[] suffixes = {"", "k", "M", "G", "T"};
    int i = 0;
    while (i < suffixes.length - 1 && abs >= 1000 * Math.pow(1000, i) * (1 - 1e-12)) {
      i++;
    }
    double scaled = value / Math.pow(1000, i);
    BigDecimal rounded = new BigDecimal(scaled).round(new java.math.MathContext(3));
    return rounded.stripTrailingZeros().toPlainString() + suffixes[i];
  }
}
