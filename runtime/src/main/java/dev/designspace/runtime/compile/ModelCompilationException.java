package dev.designspace.runtime.compile;

/** Generated sources did not compile, or no compiler is available. */
public final class ModelCompilationException extends RuntimeException {
  public ModelCompilationException(String message) {
    super(message);
  }
}
