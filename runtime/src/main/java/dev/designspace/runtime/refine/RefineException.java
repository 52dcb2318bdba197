package dev.designspace.runtime.refine;

/**
 * A sweep cannot be refined: not a sweep, nothing finished, too few models, or no restriction the
 * data support. The message says which and what to do.
 */
public final class RefineException extends RuntimeException {
  public RefineException(String message) {
    super(message);
  }
}
