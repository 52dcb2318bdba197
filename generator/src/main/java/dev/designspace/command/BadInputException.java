package dev.designspace.command;

/**
 * The base of every mistake a user must fix (a spec, a file, an option value, a dataset that is not
 * there): reported as its message, without a stack trace, exit 2. Anything else that escapes a
 * command is a failure while running (exit 1), a broken invariant included, so that a bug never
 * reads as the user's mistake.
 */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
