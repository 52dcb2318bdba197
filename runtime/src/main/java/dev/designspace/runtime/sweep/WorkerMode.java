package dev.designspace.runtime.sweep;

import dev.designspace.command.BadInputException;
import java.util.Locale;

/** How a local sweep runs its models in worker processes. */
public enum WorkerMode {
  /**
   * Each worker process trains model after model (a fresh graph and session each), keeping the
   * loaded natives, the compiled Java and the decoded dataset between them.
   */
  PERSISTENT,
  /** A new process per model ({@code designspace train} for that one model), as Slurm tasks are. */
  PER_MODEL;

  public String externalName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static WorkerMode parse(String name) {
    for (WorkerMode m : values()) {
      if (m.externalName().equals(name)) {
        return m;
      }
    }
    throw new BadInputException(
        "--worker-mode must be persistent or per-model, got '" + name + "'");
  }
}
