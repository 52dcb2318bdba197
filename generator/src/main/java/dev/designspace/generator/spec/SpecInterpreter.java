package dev.designspace.generator.spec;

import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.NetworkSettings;
import dev.designspace.generator.space.Constraints;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.space.SearchSpace;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates a resolved YAML tree (extends applied) into a {@link DesignSpace}: reads the top-level
 * fields and hands each section to its reader ({@link NetworkSettingsReader}, {@link
 * FixedModelReader}, {@link SearchSpaceReader}, {@link ConstraintsReader}).
 */
final class SpecInterpreter {
  /** Spec names become parts of Java class names and directory names. */
  static final Pattern SPACE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  private static final List<String> TOP_KEYS =
      List.of("name", "description", "extends", "network", "sample", "constraints", "models");

  private SpecInterpreter() {}

  static DesignSpace interpret(String file, YamlNode root) {
    Fields top = Fields.of(root, "", TOP_KEYS);
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
    NetworkSettings settings = NetworkSettingsReader.read(networkNode.orElse(null), "network");

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
      List<NetworkConfig> models = FixedModelReader.read(top, networkNode.orElse(null));
      return new DesignSpace(
          name, description, file, settings, Optional.empty(), Constraints.NONE, models);
    }
    Fields sample = top.section("sample", SearchSpaceReader.SAMPLE_KEYS).orElseThrow();
    SearchSpace search = SearchSpaceReader.read(sample);
    Constraints constraints = ConstraintsReader.read(top, search);
    return new DesignSpace(
        name, description, file, settings, Optional.of(search), constraints, List.of());
  }
}
