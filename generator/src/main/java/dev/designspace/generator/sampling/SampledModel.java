package dev.designspace.generator.sampling;

import dev.designspace.generator.complexity.Complexity;
import dev.designspace.generator.network.NetworkConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One accepted model.
 *
 * @param sampleIndex position in the sample, from 0
 * @param seed the seed of the sample it belongs to
 * @param parameters the drawn values in draw order, before the compatibility adjustment: for AnyNet
 *     lists per stage ({@code depth}, {@code width}, ...), for RegNet single values ({@code depth},
 *     {@code w0}, {@code wa}, {@code wm}, ...)
 */
public record SampledModel(
    int sampleIndex,
    long seed,
    Map<String, Object> parameters,
    NetworkConfig network,
    Complexity complexity) {

  public SampledModel {
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(complexity, "complexity");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** The model's name, e.g. {@code AnyNetXA_s0042}. */
  public String name() {
    return network.name();
  }

  /**
   * Name of the index-th model of a space: the space name, {@code _s}, and the index in 4 digits.
   */
  public static String nameOf(String spaceName, int index) {
    return String.format("%s_s%04d", spaceName, index);
  }
}
