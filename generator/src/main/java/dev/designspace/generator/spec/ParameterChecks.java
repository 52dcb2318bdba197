package dev.designspace.generator.spec;

import dev.designspace.generator.text.SpecNumbers;
import dev.designspace.model.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a parameter's values keep whether a fixed model writes them or a sampled distribution
 * can draw them, each refused at the value it was read from.
 */
final class ParameterChecks {
  static final String WM_WHY = "the paper samples wm from 1.5 to 3";

  private ParameterChecks() {}

  /** A non-empty list of whole numbers in {@code range}, one per stage. */
  static List<Integer> intList(YamlNode node, String path, SpecLimits.IntRange range) {
    List<YamlNode> items = Fields.asList(node, path);
    if (items.isEmpty()) {
      throw new SpecException(
          node.location(), path, "the list is empty; expected one value per stage");
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(Fields.asInt(items.get(i), path + "[" + i + "]", range));
    }
    return out;
  }

  /** A fixed bottleneck ratio; 1 when {@code node} is null (the key is absent). */
  static double bottleneckRatio(YamlNode node, String path) {
    if (node == null) {
      return 1.0;
    }
    double b = Fields.asNumber(node, path);
    checkBottleneckRatio(b, node.location(), path);
    return b;
  }

  static void checkBottleneckRatio(double b, SourceLocation at, String path) {
    try {
      Stage.checkBottleneckRatio(b);
    } catch (IllegalArgumentException e) {
      throw new SpecException(at, path, e.getMessage());
    }
    if (b > SpecLimits.MAX_BOTTLENECK_RATIO || b < SpecLimits.MIN_BOTTLENECK_RATIO) {
      throw new SpecException(
          at,
          path,
          "bottleneck ratio must be in [1/64, 64] (a larger b leaves bottlenecks of a"
              + " channel or two, a smaller 1/k multiplies widths by k), got "
              + SpecNumbers.format(b));
    }
  }

  static void requireAtMost(double value, double max, String why, SourceLocation at, String path) {
    if (value > max) {
      throw new SpecException(
          at,
          path,
          "must be <= "
              + SpecNumbers.format(max)
              + " ("
              + why
              + "), got "
              + SpecNumbers.format(value));
    }
  }
}
