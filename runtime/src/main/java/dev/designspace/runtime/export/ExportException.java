package dev.designspace.runtime.export;

import dev.designspace.command.BadInputException;

/** An export or a prediction cannot run with what it was given. */
public final class ExportException extends BadInputException {
  public ExportException(String message) {
    super(message);
  }
}
