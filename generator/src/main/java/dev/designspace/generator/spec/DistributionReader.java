package dev.designspace.generator.spec;

import dev.designspace.generator.random.Distribution;
import dev.designspace.generator.random.DistributionKind;
import dev.designspace.generator.random.InvalidDistributionException;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.text.SpecNumbers;
import dev.designspace.model.RegNetParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one sampled parameter's distribution (a number, a list, or a {@code dist} map) and checks
 * that every value it can draw is valid for the parameter, refusing it at the bound that is not.
 */
final class DistributionReader {
  private static final List<String> DIST_KEYS = List.of("dist", "low", "high", "q", "values");
  private static final double DEFAULT_REAL_Q = 1e-5;

  private DistributionReader() {}

  /** The distribution of {@code parameter} under its key in {@code sample}. */
  static Distribution read(Fields sample, Parameter parameter) {
    String key = parameter.externalName();
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
    List<String> kinds = DistributionKind.externalNames();
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
          p.externalName() + " takes integers: values, low, high and q must be integers");
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
          ParameterChecks.requireAtMost(
              max, SpecLimits.MAX_DEPTH, SpecLimits.DEPTH.why(), highAt, highPath);
      case WIDTH, GROUP_WIDTH, W0, WA ->
          ParameterChecks.requireAtMost(
              max, SpecLimits.MAX_WIDTH, SpecLimits.WIDTH_WHY, highAt, highPath);
      case WM ->
          ParameterChecks.requireAtMost(
              max, SpecLimits.MAX_WM, ParameterChecks.WM_WHY, highAt, highPath);
      case BOTTLENECK_RATIO ->
          ParameterChecks.requireAtMost(
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
              lowAt, lowPath, p.externalName() + " must be >= 1, got " + SpecNumbers.format(min));
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
              p.externalName()
                  + " must be a positive multiple of 8: use multiples of 8 for low and high,"
                  + " and q: 8 (or a multiple)");
        }
      }
      case WA -> {
        if (min < 0) {
          throw new SpecException(
              lowAt, lowPath, p.externalName() + " must be >= 0, got " + SpecNumbers.format(min));
        }
      }
      case WM -> {
        if (!(min > 1)) {
          throw new SpecException(
              lowAt, lowPath, p.externalName() + " must be > 1, got " + SpecNumbers.format(min));
        }
      }
      case BOTTLENECK_RATIO -> {
        List<Double> values = d instanceof Distribution.Choice c ? c.values() : List.of(min);
        for (double v : values) {
          ParameterChecks.checkBottleneckRatio(v, lowAt, lowPath);
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
}
