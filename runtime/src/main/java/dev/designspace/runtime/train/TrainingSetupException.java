package dev.designspace.runtime.train;

/** A run cannot start or resume with what it was given (data too small, damaged run directory). */
public final class TrainingSetupException extends RuntimeException {
  public TrainingSetupException(String message) {
    super(message);
  }
}
