package dev.designspace.runtime.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.designspace.command.BadInputException;
import java.util.Locale;

/**
 * Whether TensorFlow's graph optimiser (Grappler) rewrites the training graph before its first run.
 * On a CPU it gains nothing measurable per step here (oneDNN's rewrite of the graph is a separate
 * pass that runs either way) but costs one to two seconds of every model's start, once per distinct
 * run (initialisation, training step, evaluation, checkpoint); on a GPU its layout optimiser moves
 * convolutions to the layout cuDNN prefers (docs/training.md, "Graph optimisation").
 */
public enum Grappler {
  /** Off on a CPU, on for a GPU (the default). */
  AUTO,
  /** TensorFlow's default optimisations. */
  ON,
  /** No Grappler pass. */
  OFF;

  /** Whether Grappler runs for sessions on {@code device} ({@code cpu} or {@code gpu:N}). */
  public boolean enabledOn(String device) {
    return switch (this) {
      case AUTO -> !device.equals("cpu");
      case ON -> true;
      case OFF -> false;
    };
  }

  @JsonValue
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Grappler parse(String name) {
    for (Grappler g : values()) {
      if (g.externalName().equals(name)) {
        return g;
      }
    }
    throw new BadInputException("grappler must be auto, on or off, got '" + name + "'");
  }
}
