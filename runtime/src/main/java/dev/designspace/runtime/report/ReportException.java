package dev.designspace.runtime.report;

/** A report cannot be made from what it was given. */
public final class ReportException extends RuntimeException {
  public ReportException(String message) {
    super(message);
  }
}
