package dev.designspace.generator.spec;

import dev.designspace.generator.space.Bound;
import dev.designspace.generator.space.Constraints;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.space.SearchSpace;
import dev.designspace.generator.text.SpecNumbers;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a sampled spec's {@code constraints} section: the shared and increasing parameters and the
 * flops, params, acts and stages bounds, checked against the search space they constrain.
 */
final class ConstraintsReader {
  private static final List<String> CONSTRAINT_KEYS =
      List.of("shared", "increasing", "flops", "params", "acts", "stages");

  /** What {@code shared} and {@code increasing} may name: the parameters with a value per stage. */
  private static final List<String> PER_STAGE =
      Parameter.externalNames(
          Parameter.DEPTH, Parameter.WIDTH, Parameter.BOTTLENECK_RATIO, Parameter.GROUP_WIDTH);

  private ConstraintsReader() {}

  /** The constraints {@code top} sets; without any, a RegNet still keeps to 4 stages. */
  static Constraints read(Fields top, SearchSpace search) {
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
