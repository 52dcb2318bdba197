package dev.designspace.runtime.sweep;

import dev.designspace.command.ExitCodeCarrier;
import dev.designspace.command.ExitCodes;

/**
 * A run of sweeps stopped because a sweep directory could not be written (a full disk): nothing is
 * lost that a rerun of the same command does not train. Exit code {@link ExitCodes#MODELS_LOST}.
 */
public final class ModelsLostException extends RuntimeException implements ExitCodeCarrier {
  private static final long serialVersionUID = 1L;

  public ModelsLostException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return ExitCodes.MODELS_LOST;
  }

  /**
   * Throws when one of {@code results} stopped early, naming why; the models a rerun trains are
   * those without a result and those lost.
   */
  public static void throwIfStopped(java.util.List<SweepResult> results) {
    for (SweepResult r : results) {
      if (r.stopped().isPresent()) {
        throw new ModelsLostException(
            r.stopped().get()
                + ": stopped handing out models. Free some space (or make "
                + r.directory()
                + " writable) and run the same command again: it trains the models without a"
                + " result and those lost to the disk");
      }
    }
  }
}
