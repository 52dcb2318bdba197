package dev.designspace.generator.network;

import java.util.List;

/**
 * Per-stage AnyNet parameters as written in a spec or drawn, before any compatibility adjustment.
 *
 * @param bottleneckRatios the paper's b per stage; empty means 1 for every stage
 * @param groupWidths group width per stage; empty means one group (a dense 3x3 conv)
 */
public record AnyNetParams(
    List<Integer> depths,
    List<Integer> widths,
    List<Integer> strides,
    List<Double> bottleneckRatios,
    List<Integer> groupWidths) {

  public AnyNetParams {
    depths = List.copyOf(depths);
    widths = List.copyOf(widths);
    strides = List.copyOf(strides);
    bottleneckRatios = List.copyOf(bottleneckRatios);
    groupWidths = List.copyOf(groupWidths);
    int n = depths.size();
    if (n == 0) {
      throw new IllegalArgumentException("an AnyNet needs at least one stage");
    }
    requireLength("widths", widths.size(), n);
    requireLength("strides", strides.size(), n);
    if (!bottleneckRatios.isEmpty()) {
      requireLength("bottleneck_ratios", bottleneckRatios.size(), n);
    }
    if (!groupWidths.isEmpty()) {
      requireLength("group_widths", groupWidths.size(), n);
    }
  }

  public int stages() {
    return depths.size();
  }

  private static void requireLength(String what, int actual, int expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          what + " has " + actual + " entries but depths has " + expected + " (one per stage)");
    }
  }
}
