package dev.designspace.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.designspace.runtime.runfiles.ModelResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sweep split by the value of one of its models' parameters, one group per value, as pycls's
 * sweep analysis splits a sweep's EDF: by {@code b} (the bottleneck ratio), {@code g} (the group
 * width), {@code d} (the depth), or any number of a model's config ({@code w0}, {@code wa}, {@code
 * wm}, {@code stemWidth}, ...). A parameter written per stage splits by its value where every stage
 * shares it, and puts models whose stages differ in a group "mixed".
 */
final class SweepSplit {
  static final String MIXED = "mixed";

  /** More groups than this are a continuous parameter's: an EDF each would be one model each. */
  static final int MAX_GROUPS = 12;

  private SweepSplit() {}

  /**
   * One sweep per value of {@code param}, in increasing order, each labelled with the sweep's label
   * and the value ({@code FmnistRegNetX (b 2)}); models without the parameter are left out.
   *
   * @throws ReportException when no model of the sweep has the parameter
   */
  static List<SweepData> of(SweepData sweep, String param) {
    Map<String, List<ModelResult>> groups = new LinkedHashMap<>();
    for (ModelResult r : sweep.all()) {
      value(r, param).ifPresent(v -> groups.computeIfAbsent(v, k -> new ArrayList<>()).add(r));
    }
    if (groups.isEmpty()) {
      throw new ReportException(
          "no model of "
              + sweep.label()
              + " has a parameter '"
              + param
              + "' to split by; use b, g, d or a number of the models' config (w0, wa, wm, ...)");
    }
    if (groups.size() > MAX_GROUPS) {
      throw new ReportException(
          sweep.label()
              + " has "
              + groups.size()
              + " values of '"
              + param
              + "', too many for an EDF each; split by a parameter with few values (b, g, d)");
    }
    List<String> values = new ArrayList<>(groups.keySet());
    values.sort(
        Comparator.comparing((String v) -> v.equals(MIXED))
            .thenComparingDouble(v -> v.equals(MIXED) ? 0 : Double.parseDouble(v)));
    List<SweepData> split = new ArrayList<>();
    for (String v : values) {
      split.add(sweep.group(groups.get(v), sweep.label() + " (" + param + " " + v + ")"));
    }
    return split;
  }

  /** The model's value of {@code param}, as the report writes it; empty where it has none. */
  static Optional<String> value(ModelResult r, String param) {
    JsonNode c = SweepData.config(r);
    JsonNode node =
        switch (param) {
          case "b" -> c.path("bottleneckRatios");
          case "g" -> c.path("groupWidths");
          case "d" -> c.has("depth") ? c.path("depth") : depth(c.path("depths"));
          default -> c.path(param);
        };
    if (node.isArray()) {
      if (node.isEmpty()) {
        return Optional.empty();
      }
      for (JsonNode stage : node) {
        if (!stage.equals(node.get(0))) {
          return Optional.of(MIXED);
        }
      }
      node = node.get(0);
    }
    return node.isNumber()
        ? Optional.of(BigDecimal.valueOf(node.asDouble()).stripTrailingZeros().toPlainString())
        : Optional.empty();
  }

  private static JsonNode depth(JsonNode depths) {
    if (!depths.isArray() || depths.isEmpty()) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    int d = 0;
    for (JsonNode stage : depths) {
      d += stage.asInt();
    }
    return com.fasterxml.jackson.databind.node.IntNode.valueOf(d);
  }
}
