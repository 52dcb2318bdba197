package dev.designspace.generator.network;

import dev.designspace.model.StemType;
import java.util.Objects;

/** The stem: its type and output width. */
public record Stem(StemType type, int width) {
  public Stem {
    Objects.requireNonNull(type, "type");
    if (width < 1) {
      throw new IllegalArgumentException("stem width must be >= 1, got " + width);
    }
  }
}
