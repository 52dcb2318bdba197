package dev.designspace.generator.space;

import java.util.Arrays;
import java.util.Optional;

/** A sampled parameter of a search space, under its spec name. */
public enum Parameter {
  // AnyNet, one value per stage
  DEPTH("depth", true),
  WIDTH("width", true),
  BOTTLENECK_RATIO("bottleneck_ratio", false),
  GROUP_WIDTH("group_width", true),
  // RegNet only (depth, group_width and bottleneck_ratio are shared with AnyNet)
  W0("w0", true),
  WA("wa", false),
  WM("wm", false);

  private final String specName;
  private final boolean integral;

  Parameter(String specName, boolean integral) {
    this.specName = specName;
    this.integral = integral;
  }

  public String specName() {
    return specName;
  }

  /** Whether every value must be an integer. */
  public boolean integral() {
    return integral;
  }

  public static Optional<Parameter> fromSpecName(String name) {
    return Arrays.stream(values()).filter(p -> p.specName.equals(name)).findFirst();
  }
}
