package dev.designspace.generator.space;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A sampled parameter of a search space, with its names: the spec's key and, for a per-stage
 * parameter, the key of its per-stage values in a built model. Code that reads or writes these keys
 * takes them from here.
 */
public enum Parameter {
  // AnyNet, one value per stage
  DEPTH("depth", "depths", true),
  WIDTH("width", "widths", true),
  BOTTLENECK_RATIO("bottleneck_ratio", "bottleneckRatios", false),
  GROUP_WIDTH("group_width", "groupWidths", true),
  // RegNet only (depth, group_width and bottleneck_ratio are shared with AnyNet)
  W0("w0", null, true),
  WA("wa", null, false),
  WM("wm", null, false);

  private final String specName;
  private final String stageListName;
  private final boolean integral;

  Parameter(String specName, String stageListName, boolean integral) {
    this.specName = specName;
    this.stageListName = stageListName;
    this.integral = integral;
  }

  /**
   * The spec's key; also the key of the drawn value in a sampled model's {@code sampled}, and of a
   * RegNet's single value (depth, w0, wa, wm) in a built model.
   */
  public String externalName() {
    return specName;
  }

  /**
   * The key of the per-stage values in a built model's JSON ({@link
   * dev.designspace.model.ModelInfoJson#structure}, which spells it too) and the column of {@code
   * sweep.csv}; empty for w0, wa and wm, which have one value per model.
   */
  public Optional<String> stageListName() {
    return Optional.ofNullable(stageListName);
  }

  /** Whether every value must be an integer. */
  public boolean integral() {
    return integral;
  }

  /** The spec keys of {@code parameters}, in the order given (the order messages list them in). */
  public static List<String> externalNames(Parameter... parameters) {
    return Arrays.stream(parameters).map(Parameter::externalName).toList();
  }

  public static Optional<Parameter> fromSpecName(String name) {
    return Arrays.stream(values()).filter(p -> p.specName.equals(name)).findFirst();
  }
}
