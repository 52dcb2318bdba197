package dev.designspace.runtime.sweep;

/**
 * A sweep cannot be prepared, read or submitted; the message says what to do. (Open for launchers'
 * own cases.)
 */
public class SweepException extends RuntimeException {
  public SweepException(String message) {
    super(message);
  }
}
