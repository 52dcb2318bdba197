package dev.designspace.runtime.data;

/** A dataset cannot be found or read; the message names the place and what to do. */
public final class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
