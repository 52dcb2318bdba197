package dev.designspace.runtime.refine;

import dev.designspace.command.BadInputException;

/**
 * A sweep cannot be refined: not a sweep, nothing finished, too few models, or no restriction the
 * data support. The message says which and what to do.
 */
public final class RefineException extends BadInputException {
  public RefineException(String message) {
    super(message);
  }
}
