package dev.designspace.runtime.sweep;

import dev.designspace.command.BadInputException;

/**
 * A sweep cannot be prepared, read or submitted; the message says what to do. (Open for launchers'
 * own cases.)
 */
public class SweepException extends BadInputException {
  public SweepException(String message) {
    super(message);
  }
}
