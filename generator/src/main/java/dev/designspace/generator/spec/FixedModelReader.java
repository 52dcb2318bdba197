package dev.designspace.generator.spec;

import dev.designspace.generator.complexity.ComplexityCounter;
import dev.designspace.generator.network.AnyNetParams;
import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.NetworkSettings;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.text.SpecNumbers;
import dev.designspace.model.BlockType;
import dev.designspace.model.RegNetParams;
import dev.designspace.model.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a spec's {@code models} list into networks: each model's name, its network (the file's with
 * its own merged over it) and its RegNet or AnyNet parameters, counted once so that a model too
 * large to count is refused at its line.
 */
final class FixedModelReader {
  /** Model names may also hold dots, as in RegNetX-1.6GF. */
  static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  private static final List<String> REGNET_KEYS =
      Parameter.externalNames(
          Parameter.DEPTH,
          Parameter.W0,
          Parameter.WA,
          Parameter.WM,
          Parameter.GROUP_WIDTH,
          Parameter.BOTTLENECK_RATIO);

  /** A fixed AnyNet lists each parameter's values per stage, under the plural of its name. */
  private static final List<String> ANYNET_KEYS =
      List.of("depths", "widths", "strides", "bottleneck_ratios", "group_widths");

  private FixedModelReader() {}

  static List<NetworkConfig> read(Fields top, YamlNode fileNetwork) {
    YamlNode modelsNode = top.node("models").orElseThrow();
    List<YamlNode> items = Fields.asList(modelsNode, "models");
    if (items.isEmpty()) {
      throw new SpecException(
          modelsNode.location(), "models", "the list is empty; expected at least one model");
    }
    List<NetworkConfig> models = new ArrayList<>();
    Map<String, SourceLocation> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "models[" + i + "]";
      Fields m =
          Fields.of(
              items.get(i), path, List.of("name", "description", "network", "regnet", "anynet"));
      YamlNode nameNode = m.required("name", "the model's name, e.g. name: RegNetX-200MF");
      String name = Fields.asString(nameNode, m.pathOf("name"));
      if (!MODEL_NAME.matcher(name).matches()) {
        throw new SpecException(
            nameNode.location(),
            m.pathOf("name"),
            "must match [A-Za-z][A-Za-z0-9_.-]*, got '" + name + "'");
      }
      SourceLocation previous = seen.putIfAbsent(name, nameNode.location());
      if (previous != null) {
        throw new SpecException(
            nameNode.location(),
            m.pathOf("name"),
            "duplicate model name '" + name + "'; first at line " + previous.line());
      }
      m.string("description", "");
      YamlNode network = fileNetwork;
      if (m.has("network")) {
        YamlNode own = m.node("network").orElseThrow();
        Fields.asMapping(own, m.pathOf("network"));
        network = network == null ? own : SpecLoader.merge(network, own);
      }
      NetworkSettings settings =
          NetworkSettingsReader.read(network, m.has("network") ? m.pathOf("network") : "network");
      boolean regnet = m.has("regnet");
      boolean anynet = m.has("anynet");
      if (regnet == anynet) {
        throw new SpecException(
            regnet ? m.keyLocation("anynet") : m.location(),
            path,
            "a model has exactly one of 'regnet' (depth, w0, wa, wm, group_width) or 'anynet'"
                + " (depths, widths, ...)");
      }
      String key = regnet ? "regnet" : "anynet";
      YamlNode body = m.node(key).orElseThrow();
      try {
        models.add(
            regnet
                ? NetworkConfig.fromRegNet(
                    name, settings, regNetParams(Fields.of(body, m.pathOf(key), REGNET_KEYS)))
                : NetworkConfig.fromAnyNet(
                    name,
                    settings,
                    anyNetParams(Fields.of(body, m.pathOf(key), ANYNET_KEYS), settings.block())));
        // a model too large to count exactly is refused here, at its line, rather than when it is
        // counted
        ComplexityCounter.count(models.get(models.size() - 1));
      } catch (SpecException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new SpecException(body.location(), m.pathOf(key), e.getMessage());
      } catch (ArithmeticException e) {
        throw new SpecException(
            body.location(),
            m.pathOf(key),
            "the model has more flops, params or acts than a"
                + " 64-bit count holds; lower its depths or widths, or the input size");
      }
    }
    return models;
  }

  private static RegNetParams regNetParams(Fields f) {
    String depthKey = Parameter.DEPTH.externalName();
    int depth =
        Fields.asInt(
            f.required(depthKey, "the number of blocks d"), f.pathOf(depthKey), SpecLimits.DEPTH);
    String w0Key = Parameter.W0.externalName();
    YamlNode w0Node = f.required(w0Key, "the initial width w0, a multiple of 8");
    double w0 = Fields.asNumber(w0Node, f.pathOf(w0Key));
    if (!(w0 > 0) || w0 % RegNetParams.QUANTUM != 0) {
      throw new SpecException(
          w0Node.location(),
          f.pathOf(w0Key),
          "must be a positive multiple of 8, got " + SpecNumbers.format(w0));
    }
    ParameterChecks.requireAtMost(
        w0, SpecLimits.MAX_WIDTH, SpecLimits.WIDTH_WHY, w0Node.location(), f.pathOf(w0Key));
    String waKey = Parameter.WA.externalName();
    YamlNode waNode = f.required(waKey, "the slope wa >= 0");
    double wa = Fields.asNumber(waNode, f.pathOf(waKey));
    if (!(wa >= 0)) {
      throw new SpecException(
          waNode.location(), f.pathOf(waKey), "must be >= 0, got " + SpecNumbers.format(wa));
    }
    ParameterChecks.requireAtMost(
        wa, SpecLimits.MAX_WIDTH, SpecLimits.WIDTH_WHY, waNode.location(), f.pathOf(waKey));
    String wmKey = Parameter.WM.externalName();
    YamlNode wmNode = f.required(wmKey, "the width multiplier wm > 1");
    double wm = Fields.asNumber(wmNode, f.pathOf(wmKey));
    if (!(wm > 1)) {
      throw new SpecException(
          wmNode.location(), f.pathOf(wmKey), "must be > 1, got " + SpecNumbers.format(wm));
    }
    ParameterChecks.requireAtMost(
        wm, SpecLimits.MAX_WM, ParameterChecks.WM_WHY, wmNode.location(), f.pathOf(wmKey));
    String gKey = Parameter.GROUP_WIDTH.externalName();
    int g =
        Fields.asInt(f.required(gKey, "the group width g >= 1"), f.pathOf(gKey), SpecLimits.WIDTH);
    String bKey = Parameter.BOTTLENECK_RATIO.externalName();
    double b = ParameterChecks.bottleneckRatio(f.node(bKey).orElse(null), f.pathOf(bKey));
    return new RegNetParams(depth, w0, wa, wm, g, b);
  }

  private static AnyNetParams anyNetParams(Fields f, BlockType block) {
    List<Integer> depths =
        ParameterChecks.intList(
            f.required("depths", "a list of blocks per stage"),
            f.pathOf("depths"),
            SpecLimits.DEPTH);
    int n = depths.size();
    List<Integer> widths =
        ParameterChecks.intList(
            f.required("widths", "a list of widths per stage"),
            f.pathOf("widths"),
            SpecLimits.WIDTH);
    requireLength(f, "widths", widths.size(), n);
    List<Integer> strides =
        f.has("strides")
            ? ParameterChecks.intList(
                f.node("strides").orElseThrow(), f.pathOf("strides"), SpecLimits.STRIDE)
            : Collections.nCopies(n, 2);
    requireLength(f, "strides", strides.size(), n);
    List<Double> bs = new ArrayList<>();
    if (f.has("bottleneck_ratios")) {
      YamlNode node = f.node("bottleneck_ratios").orElseThrow();
      List<YamlNode> items = Fields.asList(node, f.pathOf("bottleneck_ratios"));
      for (int i = 0; i < items.size(); i++) {
        bs.add(
            ParameterChecks.bottleneckRatio(
                items.get(i), f.pathOf("bottleneck_ratios") + "[" + i + "]"));
      }
      requireLength(f, "bottleneck_ratios", bs.size(), n);
    }
    List<Integer> gs = new ArrayList<>();
    if (f.has("group_widths")) {
      gs =
          ParameterChecks.intList(
              f.node("group_widths").orElseThrow(), f.pathOf("group_widths"), SpecLimits.WIDTH);
      requireLength(f, "group_widths", gs.size(), n);
    }
    AnyNetParams params = new AnyNetParams(depths, widths, strides, bs, gs);
    if (block.isBottleneck()) {
      checkGroupConvs(f, params);
    }
    return params;
  }

  /**
   * A fixed AnyNet is built as written, without the compatibility adjustment, so each stage's
   * bottleneck width must split into whole groups of its group width. Refused at the value rather
   * than silently changed, so that a model counts and trains as the spec says.
   */
  private static void checkGroupConvs(Fields f, AnyNetParams p) {
    for (int i = 0; i < p.stages(); i++) {
      int w = p.widths().get(i);
      double b = p.bottleneckRatios().isEmpty() ? 1.0 : p.bottleneckRatios().get(i);
      int wb = Stage.bottleneckWidth(w, b);
      String what =
          "bottleneck width w_b = round_half_even("
              + w
              + " / "
              + SpecNumbers.format(b)
              + ") = "
              + wb;
      if (wb < 1) {
        throw atItem(
            f,
            "bottleneck_ratios",
            i,
            what
                + "; the 3x3 conv needs w_b >= 1: use a smaller bottleneck ratio or a wider stage");
      }
      if (!p.groupWidths().isEmpty() && wb % p.groupWidths().get(i) != 0) {
        int g = p.groupWidths().get(i);
        throw atItem(
            f,
            "group_widths",
            i,
            what
                + " is not divisible by group width "
                + g
                + " (fixed models are built as written, with w_b / g groups); use a group width"
                + " dividing "
                + wb
                + " ("
                + divisors(wb)
                + ") or change widths["
                + i
                + "]"
                + (p.bottleneckRatios().isEmpty() ? "" : " or bottleneck_ratios[" + i + "]"));
      }
    }
  }

  private static SpecException atItem(Fields f, String key, int i, String detail) {
    YamlNode item = Fields.asList(f.node(key).orElseThrow(), f.pathOf(key)).get(i);
    return new SpecException(item.location(), f.pathOf(key) + "[" + i + "]", detail);
  }

  private static String divisors(int n) {
    List<String> out = new ArrayList<>();
    for (int d = 1; d <= n; d++) {
      if (n % d == 0) {
        out.add(String.valueOf(d));
      }
    }
    return String.join(", ", out);
  }

  private static void requireLength(Fields f, String key, int actual, int expected) {
    if (actual != expected) {
      throw new SpecException(
          f.node(key).map(YamlNode::location).orElse(f.location()),
          f.pathOf(key),
          "has " + actual + " entries, expected " + expected + " (one per stage, as in depths)");
    }
  }
}
