package dev.designspace.runtime.export;

/** An export or a prediction cannot run with what it was given. */
public final class ExportException extends RuntimeException {
  public ExportException(String message) {
    super(message);
  }
}
