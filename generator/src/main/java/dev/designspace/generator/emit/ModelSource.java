package dev.designspace.generator.emit;

import dev.designspace.generator.complexity.Complexity;
import dev.designspace.generator.network.NetworkConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One model to emit: its resolved network and where it came from.
 *
 * @param className the simple class name (see {@link JavaNames#className})
 * @param specFile the spec as generated sources name it ({@link GenerationRequest#specNames})
 * @param seed the sampling seed, or null for a fixed model
 * @param sampleIndex the index in the sample, or null for a fixed model
 * @param sampled drawn values of a sampled model (empty for fixed models)
 */
public record ModelSource(
    String className,
    NetworkConfig network,
    Complexity complexity,
    String spaceName,
    String spaceDescription,
    String specFile,
    Long seed,
    Integer sampleIndex,
    Map<String, Object> sampled) {

  public ModelSource {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(complexity, "complexity");
    Objects.requireNonNull(spaceName, "spaceName");
    Objects.requireNonNull(spaceDescription, "spaceDescription");
    Objects.requireNonNull(specFile, "specFile");
    if ((seed == null) != (sampleIndex == null)) {
      throw new IllegalArgumentException("a sampled model has both a seed and an index");
    }
    sampled = Collections.unmodifiableMap(new LinkedHashMap<>(sampled));
  }

  public String modelName() {
    return network.name();
  }

  public boolean isSampled() {
    return seed != null;
  }
}
