package dev.designspace.runtime.sequential;

import dev.designspace.runtime.sweep.SweepException;

/** A sequential run that cannot start or continue as asked: the user's input, exit code 2. */
public final class SequentialException extends SweepException {
  private static final long serialVersionUID = 1L;

  public SequentialException(String message) {
    super(message);
  }
}
