package dev.designspace.model;

import java.util.Arrays;
import java.util.Optional;

/** The activation used after every BN that pycls follows with an activation. */
public enum Activation {
  RELU("relu"),
  /** SiLU, the paper's Swish variant. */
  SILU("silu");

  private final String specName;

  Activation(String specName) {
    this.specName = specName;
  }

  public String externalName() {
    return specName;
  }

  public static Optional<Activation> fromSpecName(String name) {
    return Arrays.stream(values()).filter(t -> t.specName.equals(name)).findFirst();
  }
}
