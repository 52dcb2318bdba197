package dev.designspace.generator.network;

import dev.designspace.model.RegNetParams;
import java.util.Objects;

/** For a network made from RegNet parameters: those parameters and the widths derived from them. */
public record RegNetOrigin(RegNetParams params, RegNetWidths widths) {
  public RegNetOrigin {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(widths, "widths");
  }
}
