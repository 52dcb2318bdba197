package dev.designspace.model;

import java.util.Arrays;
import java.util.Optional;

/** The block types of the paper (AnyNet V, R, X and Y). */
public enum BlockType {
  /** Two 3x3 convs, no residual (pycls {@code vanilla_block}). */
  V("v"),
  /** Residual basic block: two 3x3 convs plus shortcut (pycls {@code res_basic_block}). */
  R("r"),
  /** Residual bottleneck with group conv (pycls {@code res_bottleneck_block}). */
  X("x"),
  /** X with squeeze-and-excitation. */
  Y("y");

  private final String specName;

  BlockType(String specName) {
    this.specName = specName;
  }

  public String externalName() {
    return specName;
  }

  /**
   * Whether the block has a bottleneck and a group conv, so bottleneck ratio and group width apply.
   */
  public boolean isBottleneck() {
    return this == X || this == Y;
  }

  public static Optional<BlockType> fromSpecName(String name) {
    return Arrays.stream(values()).filter(t -> t.specName.equals(name)).findFirst();
  }
}
