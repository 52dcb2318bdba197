package dev.designspace.generator.random;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The distributions a spec can name with {@code dist:}, in the order they are documented; the one
 * list of their names.
 */
public enum DistributionKind {
  UNIFORM("uniform", Distribution.Uniform::new),
  LOG_UNIFORM("log_uniform", Distribution.LogUniform::new),
  POWER2_UNIFORM("power2_uniform", Distribution.Power2Uniform::new),
  POWER2_OR_LOG_UNIFORM("power2_or_log_uniform", Distribution.Power2OrLogUniform::new),
  NORMAL("normal", Distribution.Normal::new),
  LOG_NORMAL("log_normal", Distribution.LogNormal::new),
  /** Takes a list of values instead of low, high and q. */
  CHOICE("choice", null);

  /** Builds a quantized distribution over [low, high] in steps of q, validating them. */
  @FunctionalInterface
  private interface QuantizedFactory {
    Distribution.Quantized create(double low, double high, double q);
  }

  private static final List<String> SPEC_NAMES =
      Arrays.stream(values()).map(DistributionKind::externalName).toList();

  private final String specName;
  private final QuantizedFactory factory;

  DistributionKind(String specName, QuantizedFactory factory) {
    this.specName = specName;
    this.factory = factory;
  }

  /** The {@code dist:} name in specs. */
  public String externalName() {
    return specName;
  }

  /** Whether the kind takes low, high and q ({@link #CHOICE} takes values). */
  public boolean isQuantized() {
    return factory != null;
  }

  /**
   * The distribution of this kind over [low, high] in steps of q.
   *
   * @throws InvalidDistributionException naming the offending field when the bounds are invalid
   * @throws IllegalStateException for {@link #CHOICE}, which takes values
   */
  public Distribution.Quantized create(double low, double high, double q) {
    if (factory == null) {
      throw new IllegalStateException(specName + " takes a list of values, not low, high and q");
    }
    return factory.create(low, high, q);
  }

  /** The kind a spec names, if any. */
  public static Optional<DistributionKind> named(String specName) {
    for (DistributionKind kind : values()) {
      if (kind.specName.equals(specName)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** Every {@code dist:} name, in declaration order. */
  public static List<String> externalNames() {
    return SPEC_NAMES;
  }
}
