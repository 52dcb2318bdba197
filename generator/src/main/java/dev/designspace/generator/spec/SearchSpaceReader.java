package dev.designspace.generator.spec;

import dev.designspace.generator.random.Distribution;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.space.SearchSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a spec's {@code sample} section into a {@link SearchSpace}: its family, the keys that
 * family takes, and a distribution per parameter.
 */
final class SearchSpaceReader {
  private static final List<String> ANYNET_SAMPLE_KEYS =
      keys(
          List.of("family", "stages", "strides"),
          Parameter.DEPTH,
          Parameter.WIDTH,
          Parameter.BOTTLENECK_RATIO,
          Parameter.GROUP_WIDTH);
  private static final List<String> REGNET_SAMPLE_KEYS =
      keys(
          List.of("family"),
          Parameter.DEPTH,
          Parameter.W0,
          Parameter.WA,
          Parameter.WM,
          Parameter.GROUP_WIDTH,
          Parameter.BOTTLENECK_RATIO);

  /**
   * Every key either family takes: the section is read with these, and a key of the other family is
   * refused once the family is known.
   */
  static final List<String> SAMPLE_KEYS = unionKeys();

  private SearchSpaceReader() {}

  private static List<String> keys(List<String> own, Parameter... parameters) {
    List<String> keys = new ArrayList<>(own);
    keys.addAll(Parameter.externalNames(parameters));
    return List.copyOf(keys);
  }

  private static List<String> unionKeys() {
    List<String> keys = new ArrayList<>(ANYNET_SAMPLE_KEYS);
    for (String k : REGNET_SAMPLE_KEYS) {
      if (!keys.contains(k)) {
        keys.add(k);
      }
    }
    return List.copyOf(keys);
  }

  /** The search space {@code sample} describes, read with {@link #SAMPLE_KEYS}. */
  static SearchSpace read(Fields sample) {
    YamlNode familyNode = sample.required("family", "anynet or regnet");
    String family = Fields.asString(familyNode, sample.pathOf("family"));
    if (family.equals("anynet")) {
      rejectKeysOf(sample, REGNET_SAMPLE_KEYS, ANYNET_SAMPLE_KEYS, "anynet");
      YamlNode stagesNode = sample.required("stages", "the number of stages, e.g. stages: 4");
      int stages = Fields.asInt(stagesNode, sample.pathOf("stages"), SpecLimits.STAGES);
      List<Integer> strides =
          sample.has("strides")
              ? ParameterChecks.intList(
                  sample.node("strides").orElseThrow(), sample.pathOf("strides"), SpecLimits.STRIDE)
              : Collections.nCopies(stages, 2);
      if (strides.size() != stages) {
        throw new SpecException(
            sample.node("strides").orElseThrow().location(),
            sample.pathOf("strides"),
            "has " + strides.size() + " entries, expected " + stages + " (sample.stages)");
      }
      return new SearchSpace.AnyNet(
          stages,
          strides,
          DistributionReader.read(sample, Parameter.DEPTH),
          DistributionReader.read(sample, Parameter.WIDTH),
          sample.has(Parameter.BOTTLENECK_RATIO.externalName())
              ? DistributionReader.read(sample, Parameter.BOTTLENECK_RATIO)
              : new Distribution.Choice(List.of(1.0)),
          sample.has(Parameter.GROUP_WIDTH.externalName())
              ? DistributionReader.read(sample, Parameter.GROUP_WIDTH)
              : null);
    }
    if (family.equals("regnet")) {
      rejectKeysOf(sample, ANYNET_SAMPLE_KEYS, REGNET_SAMPLE_KEYS, "regnet");
      return new SearchSpace.RegNet(
          DistributionReader.read(sample, Parameter.DEPTH),
          DistributionReader.read(sample, Parameter.W0),
          DistributionReader.read(sample, Parameter.WA),
          DistributionReader.read(sample, Parameter.WM),
          DistributionReader.read(sample, Parameter.GROUP_WIDTH),
          sample.has(Parameter.BOTTLENECK_RATIO.externalName())
              ? DistributionReader.read(sample, Parameter.BOTTLENECK_RATIO)
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
}
