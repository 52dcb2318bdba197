package dev.designspace.generator.spec;

import dev.designspace.generator.complexity.ComplexityCounter;
import dev.designspace.generator.network.AnyNetParams;
import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.NetworkSettings;
import dev.designspace.generator.network.Stem;
import dev.designspace.generator.random.Distribution;
import dev.designspace.generator.random.DistributionKind;
import dev.designspace.generator.random.InvalidDistributionException;
import dev.designspace.generator.space.Bound;
import dev.designspace.generator.space.Constraints;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.space.SearchSpace;
import dev.designspace.generator.tool.SpecNumbers;
import dev.designspace.model.Activation;
import dev.designspace.model.BlockType;
import dev.designspace.model.RegNetParams;
import dev.designspace.model.Stage;
import dev.designspace.model.StemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates a resolved YAML tree (extends applied) into a {@link DesignSpace}. */
final class SpecInterpreter {
  /** Spec names become parts of Java class names and directory names. */
  static final Pattern SPACE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  /** Model names may also hold dots, as in RegNetX-1.6GF. */
  static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  private static final List<String> TOP_KEYS =
      List.of("name", "description", "extends", "network", "sample", "constraints", "models");
  private static final List<String> NETWORK_KEYS =
      List.of("input", "classes", "stem", "block", "se_ratio", "head_width", "activation");
  private static final List<String> ANYNET_SAMPLE_KEYS =
      List.of("family", "stages", "strides", "depth", "width", "bottleneck_ratio", "group_width");
  private static final List<String> REGNET_SAMPLE_KEYS =
      List.of("family", "depth", "w0", "wa", "wm", "group_width", "bottleneck_ratio");
  private static final List<String> DIST_KEYS = List.of("dist", "low", "high", "q", "values");
  private static final List<String> CONSTRAINT_KEYS =
      List.of("shared", "increasing", "flops", "params", "acts", "stages");
  private static final List<String> PER_STAGE =
      List.of("depth", "width", "bottleneck_ratio", "group_width");
  private static final double DEFAULT_Y_SE_RATIO = 0.25;
  private static final double DEFAULT_REAL_Q = 1e-5;
  private static final String WM_WHY = "the paper samples wm from 1.5 to 3";

  private final String file;

  private SpecInterpreter(String file) {
    this.file = file;
  }

  static DesignSpace interpret(String file, YamlNode root) {
    return new SpecInterpreter(file).space(Fields.of(root, "", TOP_KEYS));
  }

  private DesignSpace space(Fields top) {
    YamlNode nameNode = top.required("name", "the design space's name, e.g. name: AnyNetXA");
    String name = Fields.asString(nameNode, "name");
    if (!SPACE_NAME.matcher(name).matches()) {
      throw new SpecException(
          nameNode.location(),
          "name",
          "must match [A-Za-z][A-Za-z0-9_-]* (it names generated classes and run directories), got"
              + " '"
              + name
              + "'");
    }
    String description = top.string("description", "");
    Optional<YamlNode> networkNode = top.node("network");
    networkNode.ifPresent(n -> Fields.asMapping(n, "network"));
    NetworkSettings settings = settings(networkNode.orElse(null), "network");

    boolean sampled = top.has("sample");
    boolean fixed = top.has("models");
    if (sampled && fixed) {
      throw new SpecException(
          top.keyLocation("models"),
          "models",
          "a spec has either 'sample' (a design space) or 'models' (fixed models), not both");
    }
    if (!sampled && !fixed) {
      throw new SpecException(
          top.location(),
          "",
          "expected 'sample' (a design space to sample from) or 'models' (a list of fixed models)");
    }
    if (fixed) {
      if (top.has("constraints")) {
        throw new SpecException(
            top.keyLocation("constraints"),
            "constraints",
            "constraints apply to sampled spaces ('sample'), not to fixed models");
      }
      List<NetworkConfig> models = models(top, networkNode.orElse(null));
      return new DesignSpace(
          name, description, file, settings, Optional.empty(), Constraints.NONE, models);
    }
    Fields sample = top.section("sample", unionKeys()).orElseThrow();
    SearchSpace search = search(sample);
    Constraints constraints = constraints(top, search);
    return new DesignSpace(
        name, description, file, settings, Optional.of(search), constraints, List.of());
  }

  private static List<String> unionKeys() {
    List<String> keys = new ArrayList<>(ANYNET_SAMPLE_KEYS);
    for (String k : REGNET_SAMPLE_KEYS) {
      if (!keys.contains(k)) {
        keys.add(k);
      }
    }
    return keys;
  }

  // ---- network ------------------------------------------------------------------------------

  private NetworkSettings settings(YamlNode node, String path) {
    NetworkSettings defaults = NetworkSettings.imageNetDefaults();
    if (node == null) {
      return defaults;
    }
    Fields f = Fields.of(node, path, NETWORK_KEYS);
    int size = defaults.inputSize();
    int channels = defaults.inputChannels();
    Optional<Fields> input = f.section("input", List.of("size", "channels"));
    if (input.isPresent()) {
      size = input.get().integer("size", size, SpecLimits.INPUT_SIZE);
      channels = input.get().integer("channels", channels, SpecLimits.WIDTH);
    }
    int classes = f.integer("classes", defaults.classes(), SpecLimits.CLASSES);
    StemType stemType = defaults.stem().type();
    int stemWidth = defaults.stem().width();
    Optional<Fields> stem = f.section("stem", List.of("type", "width"));
    if (stem.isPresent()) {
      List<String> names = Arrays.stream(StemType.values()).map(StemType::specName).toList();
      stemType =
          StemType.fromSpecName(
                  stem.get().oneOf("type", stemType.specName(), Set.copyOf(names), names))
              .orElseThrow();
      stemWidth = stem.get().integer("width", stemWidth, SpecLimits.WIDTH);
    }
    List<String> blocks = Arrays.stream(BlockType.values()).map(BlockType::specName).toList();
    BlockType block =
        BlockType.fromSpecName(f.oneOf("block", "x", Set.copyOf(blocks), blocks)).orElseThrow();
    double seRatio = block == BlockType.Y ? DEFAULT_Y_SE_RATIO : 0;
    if (f.has("se_ratio")) {
      YamlNode se = f.node("se_ratio").orElseThrow();
      seRatio = Fields.asNumber(se, f.pathOf("se_ratio"));
      if (!(seRatio >= 0 && seRatio < 1)) {
        throw new SpecException(
            se.location(),
            f.pathOf("se_ratio"),
            "must be in [0, 1), got " + SpecNumbers.format(seRatio));
      }
      if (block == BlockType.Y && seRatio == 0) {
        throw new SpecException(
            se.location(),
            f.pathOf("se_ratio"),
            "block y is the x block with SE, so se_ratio must be > 0 (or use block: x)");
      }
      if (block != BlockType.Y && seRatio > 0) {
        throw new SpecException(
            se.location(),
            f.pathOf("se_ratio"),
            "SE needs block: y (the x block with SE); block "
                + block.specName()
                + " takes se_ratio 0");
      }
    }
    int headWidth = f.integer("head_width", 0, SpecLimits.HEAD_WIDTH);
    List<String> activations =
        Arrays.stream(Activation.values()).map(Activation::specName).toList();
    Activation activation =
        Activation.fromSpecName(f.oneOf("activation", "relu", Set.copyOf(activations), activations))
            .orElseThrow();
    return new NetworkSettings(
        size,
        channels,
        classes,
        new Stem(stemType, stemWidth),
        block,
        seRatio,
        headWidth,
        activation);
  }

  // ---- fixed models --------------------------------------------------------------------------

  private List<NetworkConfig> models(Fields top, YamlNode fileNetwork) {
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
          settings(network, m.has("network") ? m.pathOf("network") : "network");
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
                    name,
                    settings,
                    regNetParams(
                        Fields.of(
                            body,
                            m.pathOf(key),
                            List.of("depth", "w0", "wa", "wm", "group_width", "bottleneck_ratio"))))
                : NetworkConfig.fromAnyNet(
                    name,
                    settings,
                    anyNetParams(
                        Fields.of(
                            body,
                            m.pathOf(key),
                            List.of(
                                "depths",
                                "widths",
                                "strides",
                                "bottleneck_ratios",
                                "group_widths")),
                        settings.block())));
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

  private RegNetParams regNetParams(Fields f) {
    int depth =
        Fields.asInt(
            f.required("depth", "the number of blocks d"), f.pathOf("depth"), SpecLimits.DEPTH);
    YamlNode w0Node = f.required("w0", "the initial width w0, a multiple of 8");
    double w0 = Fields.asNumber(w0Node, f.pathOf("w0"));
    if (!(w0 > 0) || w0 % RegNetParams.QUANTUM != 0) {
      throw new SpecException(
          w0Node.location(),
          f.pathOf("w0"),
          "must be a positive multiple of 8, got " + SpecNumbers.format(w0));
    }
    requireAtMost(
        w0, SpecLimits.MAX_WIDTH, SpecLimits.WIDTH_WHY, w0Node.location(), f.pathOf("w0"));
    YamlNode waNode = f.required("wa", "the slope wa >= 0");
    double wa = Fields.asNumber(waNode, f.pathOf("wa"));
    if (!(wa >= 0)) {
      throw new SpecException(
          waNode.location(), f.pathOf("wa"), "must be >= 0, got " + SpecNumbers.format(wa));
    }
    requireAtMost(
        wa, SpecLimits.MAX_WIDTH, SpecLimits.WIDTH_WHY, waNode.location(), f.pathOf("wa"));
    YamlNode wmNode = f.required("wm", "the width multiplier wm > 1");
    double wm = Fields.asNumber(wmNode, f.pathOf("wm"));
    if (!(wm > 1)) {
      throw new SpecException(
          wmNode.location(), f.pathOf("wm"), "must be > 1, got " + SpecNumbers.format(wm));
    }
    requireAtMost(wm, SpecLimits.MAX_WM, WM_WHY, wmNode.location(), f.pathOf("wm"));
    int g =
        Fields.asInt(
            f.required("group_width", "the group width g >= 1"),
            f.pathOf("group_width"),
            SpecLimits.WIDTH);
    double b =
        bottleneckRatio(f.node("bottleneck_ratio").orElse(null), f.pathOf("bottleneck_ratio"));
    return new RegNetParams(depth, w0, wa, wm, g, b);
  }

  private AnyNetParams anyNetParams(Fields f, BlockType block) {
    List<Integer> depths =
        intList(
            f.required("depths", "a list of blocks per stage"),
            f.pathOf("depths"),
            SpecLimits.DEPTH);
    int n = depths.size();
    List<Integer> widths =
        intList(
            f.required("widths", "a list of widths per stage"),
            f.pathOf("widths"),
            SpecLimits.WIDTH);
    requireLength(f, "widths", widths.size(), n);
    List<Integer> strides =
        f.has("strides")
            ? intList(f.node("strides").orElseThrow(), f.pathOf("strides"), SpecLimits.STRIDE)
            : java.util.Collections.nCopies(n, 2);
    requireLength(f, "strides", strides.size(), n);
    List<Double> bs = new ArrayList<>();
    if (f.has("bottleneck_ratios")) {
      YamlNode node = f.node("bottleneck_ratios").orElseThrow();
      List<YamlNode> items = Fields.asList(node, f.pathOf("bottleneck_ratios"));
      for (int i = 0; i < items.size(); i++) {
        bs.add(bottleneckRatio(items.get(i), f.pathOf("bottleneck_ratios") + "[" + i + "]"));
      }
      requireLength(f, "bottleneck_ratios", bs.size(), n);
    }
    List<Integer> gs = new ArrayList<>();
    if (f.has("group_widths")) {
      gs =
          intList(f.node("group_widths").orElseThrow(), f.pathOf("group_widths"), SpecLimits.WIDTH);
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

  private static List<Integer> intList(YamlNode node, String path, SpecLimits.IntRange range) {
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

  private static double bottleneckRatio(YamlNode node, String path) {
    if (node == null) {
      return 1.0;
    }
    double b = Fields.asNumber(node, path);
    checkBottleneckRatio(b, node.location(), path);
    return b;
  }

  private static void checkBottleneckRatio(double b, SourceLocation at, String path) {
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

  private static void requireAtMost(
      double value, double max, String why, SourceLocation at, String path) {
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

  // ---- search space --------------------------------------------------------------------------

  private SearchSpace search(Fields sample) {
    YamlNode familyNode = sample.required("family", "anynet or regnet");
    String family = Fields.asString(familyNode, sample.pathOf("family"));
    if (family.equals("anynet")) {
      rejectKeysOf(sample, REGNET_SAMPLE_KEYS, ANYNET_SAMPLE_KEYS, "anynet");
      YamlNode stagesNode = sample.required("stages", "the number of stages, e.g. stages: 4");
      int stages = Fields.asInt(stagesNode, sample.pathOf("stages"), SpecLimits.STAGES);
      List<Integer> strides =
          sample.has("strides")
              ? intList(
                  sample.node("strides").orElseThrow(), sample.pathOf("strides"), SpecLimits.STRIDE)
              : java.util.Collections.nCopies(stages, 2);
      if (strides.size() != stages) {
        throw new SpecException(
            sample.node("strides").orElseThrow().location(),
            sample.pathOf("strides"),
            "has " + strides.size() + " entries, expected " + stages + " (sample.stages)");
      }
      return new SearchSpace.AnyNet(
          stages,
          strides,
          distribution(sample, "depth", Parameter.DEPTH),
          distribution(sample, "width", Parameter.WIDTH),
          sample.has("bottleneck_ratio")
              ? distribution(sample, "bottleneck_ratio", Parameter.BOTTLENECK_RATIO)
              : new Distribution.Choice(List.of(1.0)),
          sample.has("group_width")
              ? distribution(sample, "group_width", Parameter.GROUP_WIDTH)
              : null);
    }
    if (family.equals("regnet")) {
      rejectKeysOf(sample, ANYNET_SAMPLE_KEYS, REGNET_SAMPLE_KEYS, "regnet");
      return new SearchSpace.RegNet(
          distribution(sample, "depth", Parameter.DEPTH),
          distribution(sample, "w0", Parameter.W0),
          distribution(sample, "wa", Parameter.WA),
          distribution(sample, "wm", Parameter.WM),
          distribution(sample, "group_width", Parameter.GROUP_WIDTH),
          sample.has("bottleneck_ratio")
              ? distribution(sample, "bottleneck_ratio", Parameter.BOTTLENECK_RATIO)
              : new Distribution.Choice(List.of(1.0)));
    }
    throw new SpecException(
        familyNode.location(),
        sample.pathOf("family"),
        "expected one of anynet, regnet, got '" + family + "'");
  }

  private static void rejectKeysOf(
      Fields sample, List<String> other, List<String> own, String family) {
    for (String key : other) {
      if (!own.contains(key) && sample.has(key)) {
        throw new SpecException(
            sample.keyLocation(key),
            sample.pathOf(key),
            "unknown key for family " + family + "; expected one of " + String.join(", ", own));
      }
    }
  }

  private Distribution distribution(Fields sample, String key, Parameter parameter) {
    YamlNode node =
        sample.required(key, "a distribution, e.g. {dist: log_uniform, low: 1, high: 16, q: 1}");
    String path = sample.pathOf(key);
    Distribution d;
    if (node instanceof YamlNode.Scalar) {
      d = new Distribution.Choice(List.of(Fields.asNumber(node, path)));
      checkDomain(d, parameter, node, path, null);
      return d;
    }
    if (node instanceof YamlNode.Sequence seq) {
      d = choice(seq, path);
      checkDomain(d, parameter, node, path, null);
      return d;
    }
    Fields f = Fields.of(node, path, DIST_KEYS);
    List<String> kinds = DistributionKind.specNames();
    String dist = f.oneOf("dist", null, Set.copyOf(kinds), kinds);
    if (dist == null) {
      throw new SpecException(
          f.location(), path, "missing key 'dist'; expected one of " + String.join(", ", kinds));
    }
    DistributionKind kind = DistributionKind.named(dist).orElseThrow();
    try {
      if (!kind.isQuantized()) {
        for (String k : List.of("low", "high", "q")) {
          if (f.has(k)) {
            throw new SpecException(f.keyLocation(k), f.pathOf(k), "choice takes only 'values'");
          }
        }
        YamlNode values = f.required("values", "a list of values, e.g. values: [1, 2, 4]");
        Fields.asList(values, f.pathOf("values"));
        d = choice((YamlNode.Sequence) values, f.pathOf("values"));
      } else {
        if (f.has("values")) {
          throw new SpecException(
              f.keyLocation("values"),
              f.pathOf("values"),
              "'values' belongs to dist: choice; " + dist + " takes low, high and q");
        }
        double low = Fields.asNumber(f.required("low", "the smallest value"), f.pathOf("low"));
        double high = Fields.asNumber(f.required("high", "the largest value"), f.pathOf("high"));
        double q;
        if (f.has("q")) {
          q = Fields.asNumber(f.node("q").orElseThrow(), f.pathOf("q"));
        } else if (kind == DistributionKind.POWER2_OR_LOG_UNIFORM) {
          throw new SpecException(
              f.location(),
              path,
              "missing key 'q'; power2_or_log_uniform needs q (powers of two below q, multiples of"
                  + " q above)");
        } else if (kind == DistributionKind.POWER2_UNIFORM) {
          q = low;
        } else {
          q = parameter.integral() ? 1 : DEFAULT_REAL_Q;
        }
        d = kind.create(low, high, q);
      }
    } catch (InvalidDistributionException e) {
      SourceLocation where = f.node(e.field()).map(YamlNode::location).orElse(f.location());
      throw new SpecException(where, f.pathOf(e.field()), e.getMessage());
    }
    checkDomain(d, parameter, node, path, f);
    return d;
  }

  private static Distribution.Choice choice(YamlNode.Sequence seq, String path) {
    if (seq.items().isEmpty()) {
      throw new SpecException(
          seq.location(), path, "the list is empty; expected at least one value");
    }
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      values.add(Fields.asNumber(seq.items().get(i), path + "[" + i + "]"));
    }
    return new Distribution.Choice(values);
  }

  /** Checks that every value the distribution can produce is valid for the parameter. */
  private static void checkDomain(
      Distribution d, Parameter p, YamlNode node, String path, Fields f) {
    SourceLocation lowAt =
        f == null
            ? node.location()
            : f.node(f.has("values") ? "values" : "low")
                .map(YamlNode::location)
                .orElse(node.location());
    String lowPath = f == null ? path : f.pathOf(f.has("values") ? "values" : "low");
    if (p.integral() && !d.integral()) {
      SourceLocation where = f != null && f.has("q") ? f.node("q").orElseThrow().location() : lowAt;
      throw new SpecException(
          where,
          f != null && f.has("q") ? f.pathOf("q") : lowPath,
          p.specName() + " takes integers: values, low, high and q must be integers");
    }
    double min = d.min();
    SourceLocation highAt =
        f == null
            ? node.location()
            : f.node(f.has("values") ? "values" : "high")
                .map(YamlNode::location)
                .orElse(node.location());
    String highPath = f == null ? path : f.pathOf(f.has("values") ? "values" : "high");
    double max = d.max();
    switch (p) {
      case DEPTH ->
          requireAtMost(max, SpecLimits.MAX_DEPTH, SpecLimits.DEPTH.why(), highAt, highPath);
      case WIDTH, GROUP_WIDTH, W0, WA ->
          requireAtMost(max, SpecLimits.MAX_WIDTH, SpecLimits.WIDTH_WHY, highAt, highPath);
      case WM -> requireAtMost(max, SpecLimits.MAX_WM, WM_WHY, highAt, highPath);
      case BOTTLENECK_RATIO ->
          requireAtMost(
              max,
              SpecLimits.MAX_BOTTLENECK_RATIO,
              "a larger b leaves bottlenecks of a channel or two",
              highAt,
              highPath);
      default -> throw new IllegalStateException(p.toString());
    }
    switch (p) {
      case DEPTH, WIDTH, GROUP_WIDTH -> {
        if (min < 1) {
          throw new SpecException(
              lowAt, lowPath, p.specName() + " must be >= 1, got " + SpecNumbers.format(min));
        }
      }
      case W0 -> {
        boolean multiplesOf8 =
            d instanceof Distribution.Choice c
                ? c.values().stream().allMatch(v -> v % RegNetParams.QUANTUM == 0)
                : ((Distribution.Quantized) d).step() % RegNetParams.QUANTUM == 0
                    && min % RegNetParams.QUANTUM == 0;
        if (!multiplesOf8 || min < RegNetParams.QUANTUM) {
          throw new SpecException(
              lowAt,
              lowPath,
              "w0 must be a positive multiple of 8: use multiples of 8 for low and high, and q: 8"
                  + " (or a multiple)");
        }
      }
      case WA -> {
        if (min < 0) {
          throw new SpecException(
              lowAt, lowPath, "wa must be >= 0, got " + SpecNumbers.format(min));
        }
      }
      case WM -> {
        if (!(min > 1)) {
          throw new SpecException(lowAt, lowPath, "wm must be > 1, got " + SpecNumbers.format(min));
        }
      }
      case BOTTLENECK_RATIO -> {
        List<Double> values = d instanceof Distribution.Choice c ? c.values() : List.of(min);
        for (double v : values) {
          checkBottleneckRatio(v, lowAt, lowPath);
        }
        if (!(d instanceof Distribution.Choice) && min < 1) {
          throw new SpecException(
              lowAt,
              lowPath,
              "a sampled bottleneck ratio below 1 can take invalid values; list inverted"
                  + " bottlenecks with dist: choice, values: [0.25, 0.5, 1]");
        }
      }
      default -> throw new IllegalStateException(p.toString());
    }
  }

  // ---- constraints ---------------------------------------------------------------------------

  private Constraints constraints(Fields top, SearchSpace search) {
    Optional<Fields> section = top.section("constraints", CONSTRAINT_KEYS);
    boolean anynet = search instanceof SearchSpace.AnyNet;
    Bound defaultStages = anynet ? Bound.UNBOUNDED : new Bound(4.0, 4.0);
    if (section.isEmpty()) {
      return new Constraints(
          Set.of(), Set.of(), Bound.UNBOUNDED, Bound.UNBOUNDED, Bound.UNBOUNDED, defaultStages);
    }
    Fields f = section.get();
    Set<Parameter> shared = parameterSet(f, "shared", anynet);
    Set<Parameter> increasing = parameterSet(f, "increasing", anynet);
    Bound stages = defaultStages;
    if (f.has("stages")) {
      Bound requested = bound(f, "stages", true);
      if (anynet) {
        // an AnyNet fixes its stages with sample.stages; a bound here may only agree with it
        int fixed = ((SearchSpace.AnyNet) search).stages();
        if (!requested.contains(fixed)) {
          throw new SpecException(
              f.node("stages").orElseThrow().location(),
              f.pathOf("stages"),
              "sample.stages is "
                  + fixed
                  + ", outside this range; anynet spaces fix the number of stages with"
                  + " sample.stages (the stages constraint is for regnet spaces)");
        }
      } else {
        stages = requested;
      }
    }
    return new Constraints(
        shared,
        increasing,
        bound(f, "flops", false),
        bound(f, "params", false),
        bound(f, "acts", false),
        stages);
  }

  private static Set<Parameter> parameterSet(Fields f, String key, boolean anynet) {
    Optional<YamlNode> node = f.node(key);
    if (node.isEmpty()) {
      return Set.of();
    }
    List<YamlNode> items = Fields.asList(node.get(), f.pathOf(key));
    if (!anynet && !items.isEmpty()) {
      throw new SpecException(
          node.get().location(),
          f.pathOf(key),
          "applies to anynet spaces only (a RegNet has one value of each parameter)");
    }
    Set<Parameter> out = EnumSet.noneOf(Parameter.class);
    for (int i = 0; i < items.size(); i++) {
      String path = f.pathOf(key) + "[" + i + "]";
      String name = Fields.asString(items.get(i), path);
      if (!PER_STAGE.contains(name)) {
        String hint =
            Fields.closest(name, PER_STAGE).map(s -> " (did you mean '" + s + "'?)").orElse("");
        throw new SpecException(
            items.get(i).location(),
            path,
            "expected one of " + String.join(", ", PER_STAGE) + ", got '" + name + "'" + hint);
      }
      out.add(Parameter.fromSpecName(name).orElseThrow());
    }
    return out;
  }

  private static Bound bound(Fields f, String key, boolean integers) {
    Optional<YamlNode> node = f.node(key);
    if (node.isEmpty() || Fields.isNull(node.get())) {
      return Bound.UNBOUNDED;
    }
    String path = f.pathOf(key);
    List<YamlNode> items = Fields.asList(node.get(), path);
    if (items.size() != 2) {
      throw new SpecException(
          node.get().location(),
          path,
          "expected [low, high] (either may be null), got a list of " + items.size());
    }
    Double[] ends = new Double[2];
    for (int i = 0; i < 2; i++) {
      YamlNode item = items.get(i);
      if (Fields.isNull(item)) {
        continue;
      }
      String itemPath = path + "[" + i + "]";
      double v = integers ? Fields.asInt(item, itemPath, 1) : Fields.asNumber(item, itemPath);
      if (v < 0) {
        throw new SpecException(
            item.location(), itemPath, "must be >= 0, got " + SpecNumbers.format(v));
      }
      ends[i] = v;
    }
    if (ends[0] != null && ends[1] != null && ends[1] < ends[0]) {
      throw new SpecException(
          items.get(1).location(),
          path + "[1]",
          "must be >= the lower bound ("
              + SpecNumbers.format(ends[0])
              + "), got "
              + SpecNumbers.format(ends[1]));
    }
    return new Bound(ends[0], ends[1]);
  }
}
