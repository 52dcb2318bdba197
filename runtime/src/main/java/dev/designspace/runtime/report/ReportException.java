package dev.designspace.runtime.report;

import dev.designspace.command.BadInputException;

/** A report cannot be made from what it was given. */
public final class ReportException extends BadInputException {
  public ReportException(String message) {
    super(message);
  }
}
