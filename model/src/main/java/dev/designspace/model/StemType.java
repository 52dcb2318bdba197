package dev.designspace.model;

import java.util.Arrays;
import java.util.Optional;

/** The three stems of pycls's AnyNet. */
public enum StemType {
  /** 3x3 conv, stride 2 (pycls {@code simple_stem_in}): the RegNet stem. */
  SIMPLE("simple", 3, 2),
  /** 7x7 conv, stride 2, then 3x3 max pool, stride 2 (pycls {@code res_stem_in}). */
  RESNET("resnet", 7, 2),
  /** 3x3 conv, stride 1 (pycls {@code res_stem_cifar}): keeps the resolution. */
  CIFAR("cifar", 3, 1);

  private final String specName;
  private final int kernel;
  private final int stride;

  StemType(String specName, int kernel, int stride) {
    this.specName = specName;
    this.kernel = kernel;
    this.stride = stride;
  }

  /** The name used in spec files and JSON. */
  public String externalName() {
    return specName;
  }

  public int kernel() {
    return kernel;
  }

  public int stride() {
    return stride;
  }

  public boolean hasMaxPool() {
    return this == RESNET;
  }

  public static Optional<StemType> fromSpecName(String name) {
    return Arrays.stream(values()).filter(t -> t.specName.equals(name)).findFirst();
  }
}
