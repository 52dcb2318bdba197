package dev.designspace.runtime.runfiles;

import java.io.IOException;

/**
 * A run file that parses as JSON but does not hold what it must (a damaged or foreign file); names
 * the file.
 */
public final class RunFileException extends IOException {
  public RunFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
