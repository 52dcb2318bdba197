package dev.designspace.runtime.sweep;

/** A sweep cannot be prepared, read or submitted; the message says what to do. */
public final class SweepException extends RuntimeException {
  public SweepException(String message) {
    super(message);
  }
}
