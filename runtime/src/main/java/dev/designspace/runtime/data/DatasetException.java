package dev.designspace.runtime.data;

import dev.designspace.command.BadInputException;

/** A dataset cannot be found or read; the message names the place and what to do. */
public final class DatasetException extends BadInputException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
