package dev.designspace.generator.tool;

/** Input a command cannot use (a file, an option value); reported without a stack trace, exit 2. */
public final class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
