package dev.designspace.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one JSON shape of a {@link ModelInfo}, as ordered maps that any JSON writer serialises in key
 * order. {@link #structure} is what {@code describe --json} and {@code sample --json} print per
 * model and {@code manifest.json} records as {@code config}; {@link #of} prefixes the model's
 * origin and is the {@code config} a run's {@code result.json} records.
 */
public final class ModelInfoJson {
  private ModelInfoJson() {}

  /**
   * The built structure and complexity: {@code name, stem, stemWidth, block, seRatio, headWidth,
   * activation, inputSize, inputChannels, classes, depths, widths, strides, bottleneckRatios,
   * groupWidths, flops, params, acts}, then {@code depth, w0, wa, wm} for a RegNet.
   */
  public static Map<String, Object> structure(ModelInfo info) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", info.name());
    m.put("stem", info.stem().externalName());
    m.put("stemWidth", info.stemWidth());
    m.put("block", info.block().externalName());
    m.put("seRatio", info.seRatio());
    m.put("headWidth", info.headWidth());
    m.put("activation", info.activation().externalName());
    m.put("inputSize", info.inputSize());
    m.put("inputChannels", info.inputChannels());
    m.put("classes", info.classes());
    m.put("depths", perStage(info, Stage::depth));
    m.put("widths", perStage(info, Stage::width));
    m.put("strides", perStage(info, Stage::stride));
    m.put("bottleneckRatios", perStage(info, Stage::bottleneckRatio));
    m.put("groupWidths", perStage(info, Stage::groupWidth));
    m.put("flops", info.flops());
    m.put("params", info.params());
    m.put("acts", info.acts());
    info.regNet()
        .ifPresent(
            r -> {
              m.put("depth", r.depth());
              // w0 is a multiple of 8 (RegNetParams checks it): written as the integer it is
              m.put("w0", (int) r.w0());
              m.put("wa", r.wa());
              m.put("wm", r.wm());
            });
    return m;
  }

  /**
   * {@code name, designSpace, spec}, {@code seed, sampleIndex, sampled} for a sampled model, then
   * the rest of {@link #structure}.
   */
  public static Map<String, Object> of(ModelInfo info) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", info.name());
    m.put("designSpace", info.designSpace());
    m.put("spec", info.spec());
    info.seed().ifPresent(s -> m.put("seed", s));
    info.sampleIndex().ifPresent(i -> m.put("sampleIndex", i));
    if (!info.sampledParameters().isEmpty()) {
      m.put("sampled", jsonValues(info.sampledParameters()));
    }
    // "name" is already first: putAll keeps its position and appends the rest in order
    m.putAll(structure(info));
    return m;
  }

  /**
   * The drawn values as JSON values: {@code 14}, {@code 2.478}, {@code [4, 4, 3]} as numbers and
   * lists of numbers, anything else as the text it is.
   */
  public static Map<String, Object> jsonValues(Map<String, String> sampled) {
    Map<String, Object> m = new LinkedHashMap<>();
    sampled.forEach((k, v) -> m.put(k, jsonValue(v)));
    return m;
  }

  /** One drawn value written as text: a number, a list of numbers, or else the text. */
  public static Object jsonValue(String text) {
    String t = text.strip();
    if (t.startsWith("[") && t.endsWith("]")) {
      String inside = t.substring(1, t.length() - 1).strip();
      if (inside.isEmpty()) {
        return List.of();
      }
      List<Object> values = new ArrayList<>();
      for (String part : inside.split(",")) {
        Object v = jsonValue(part);
        if (!(v instanceof Number)) {
          return text;
        }
        values.add(v);
      }
      return values;
    }
    if (t.matches("-?\\d{1,18}")) {
      return Long.parseLong(t);
    }
    if (t.matches("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
      return Double.parseDouble(t);
    }
    return text;
  }

  private static <T> List<T> perStage(ModelInfo info, Function<Stage, T> field) {
    return info.stages().stream().map(field).toList();
  }
}
