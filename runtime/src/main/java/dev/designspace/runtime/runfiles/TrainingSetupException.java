package dev.designspace.runtime.runfiles;

import dev.designspace.command.BadInputException;

/** A run cannot start or resume with what it was given (data too small, damaged run directory). */
public final class TrainingSetupException extends BadInputException {
  public TrainingSetupException(String message) {
    super(message);
  }
}
