package dev.designspace.runtime.cli;

import dev.designspace.command.BadInputException;
import java.util.Locale;

/** Where a sweep's workers run. */
enum Launcher {
  /** Worker processes on this machine. */
  LOCAL,
  /** One Slurm array job, a task per model. */
  SLURM;

  String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Launcher parse(String name) {
    for (Launcher l : values()) {
      if (l.externalName().equals(name)) {
        return l;
      }
    }
    throw new BadInputException("--launcher must be local or slurm, got '" + name + "'");
  }
}
