package dev.designspace.generator.network;

import dev.designspace.model.Stage;

/**
 * pycls {@code adjust_block_compatibility}: per stage, shrink the group width to at most the
 * bottleneck width and round the bottleneck width to a multiple of the group width (and of the
 * inverted-bottleneck multiplier), half to even, so that every group conv is valid (paper Appendix
 * D). pycls applies it to the RegNets it generates; we also apply it to sampled AnyNets, whose
 * drawn widths and group widths would often give invalid group convs. A fixed AnyNet is built as
 * written, as pycls builds one.
 */
public final class BlockCompatibility {

  private BlockCompatibility() {}

  /** Adjusted stage widths and group widths; the bottleneck ratios do not change. */
  public record Adjusted(int[] widths, int[] groupWidths) {}

  /**
   * @param widths stage widths
   * @param bottleneckRatios the paper's b per stage (pycls bot_mul = 1 / b)
   * @param groupWidths requested group widths
   */
  public static Adjusted adjust(int[] widths, double[] bottleneckRatios, int[] groupWidths) {
    if (widths.length != bottleneckRatios.length || widths.length != groupWidths.length) {
      throw new IllegalArgumentException(
          "widths, bottleneck ratios and group widths differ in length");
    }
    int n = widths.length;
    int[] outWidths = new int[n];
    int[] outGroups = new int[n];
    for (int i = 0; i < n; i++) {
      if (widths[i] < 1 || groupWidths[i] < 1) {
        throw new IllegalArgumentException(
            "widths and group widths must be >= 1, got " + widths[i] + " and " + groupWidths[i]);
      }
      Stage.checkBottleneckRatio(bottleneckRatios[i]);
      double botMul = 1.0 / bottleneckRatios[i];
      int v = (int) Math.max(1.0, widths[i] * botMul);
      int g = Math.min(groupWidths[i], v);
      int m = botMul > 1 ? lcm(g, (int) botMul) : g;
      v = Math.max(m, (int) (Math.rint((double) v / m) * m));
      outWidths[i] = (int) (v / botMul);
      outGroups[i] = g;
    }
    return new Adjusted(outWidths, outGroups);
  }

  private static int lcm(int a, int b) {
    return a / gcd(a, b) * b;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
