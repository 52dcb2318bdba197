package dev.designspace.generator.spec;

import dev.designspace.command.BadInputException;

/**
 * A spec is invalid. The message reads {@code file:line:column: key.path: what was expected}, for
 * example {@code specs/x.yaml:12:7: sample.depth.high: must be >= low (1), got 0}.
 */
public final class SpecException extends BadInputException {
  private final SourceLocation location;
  private final String path;
  private final String detail;

  public SpecException(SourceLocation location, String path, String detail) {
    super(location + ": " + (path.isEmpty() ? "" : path + ": ") + detail);
    this.location = location;
    this.path = path;
    this.detail = detail;
  }

  public SourceLocation location() {
    return location;
  }

  /** Dotted key path such as {@code sample.depth.high}; empty for the whole file. */
  public String path() {
    return path;
  }

  /** What was wrong and what was expected, without location and path. */
  public String detail() {
    return detail;
  }
}
