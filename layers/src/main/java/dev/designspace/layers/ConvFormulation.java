package dev.designspace.layers;

import java.util.Locale;

/**
 * How a grouped convolution is expressed in the graph. Every formulation reads the same kernel
 * variable, {@code [k, k, in / groups, out]}, and computes the same function (output channel {@code
 * o} sees only the input channels of group {@code o / (out / groups)}); only the ops, and so the
 * speed, differ. See docs/training.md, "Convolution formulations".
 */
public enum ConvFormulation {
  /** One Conv2D whose kernel has {@code in / groups} input channels (TensorFlow's grouped conv). */
  GROUPED,
  /** DepthwiseConv2dNative; only when every group has one input channel ({@code in == groups}). */
  DEPTHWISE,
  /**
   * The input split into the groups, one dense Conv2D per group, the outputs concatenated. Only
   * where a group has two input channels or more: this TensorFlow build computes a wrong input
   * gradient for a one-channel Conv2D at stride 2 (every other column zero), and depthwise serves
   * one-channel groups anyway.
   */
  SPLIT,
  /**
   * One dense Conv2D whose kernel is the block-diagonal expansion of the grouped kernel, built in
   * the graph (groups times the multiply-adds, but the dense kernels are the fast ones).
   */
  BLOCKDIAG;

  /** The name on the command line and in the tuning cache: {@code grouped}, {@code split}, ... */
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConvFormulation parse(String name) {
    for (ConvFormulation f : values()) {
      if (f.externalName().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown convolution formulation '"
            + name
            + "': expected grouped, depthwise, split or blockdiag");
  }

  /** Whether this formulation can build {@code shape}; grouped and blockdiag build every shape. */
  public boolean appliesTo(ConvShape shape) {
    return switch (this) {
      case GROUPED, BLOCKDIAG -> true;
      case DEPTHWISE -> shape.in() == shape.groups();
      case SPLIT -> shape.in() / shape.groups() > 1;
    };
  }
}
