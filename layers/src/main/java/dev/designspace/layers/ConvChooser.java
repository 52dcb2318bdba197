package dev.designspace.layers;

import java.util.Objects;

/**
 * Picks the formulation of each grouped convolution a build creates. A choice that does not apply
 * to the shape (depthwise where a group has several input channels) is built as {@link
 * ConvFormulation#GROUPED}.
 */
@FunctionalInterface
public interface ConvChooser {
  /** Grouped everywhere: TensorFlow's own grouped Conv2D. */
  ConvChooser GROUPED = always(ConvFormulation.GROUPED);

  ConvFormulation choose(ConvShape shape);

  /** The same formulation for every layer. */
  static ConvChooser always(ConvFormulation formulation) {
    Objects.requireNonNull(formulation, "formulation");
    return shape -> formulation;
  }
}
