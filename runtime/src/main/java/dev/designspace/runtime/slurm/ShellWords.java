package dev.designspace.runtime.slurm;

/** Quoting for bash, so that no value from a spec, a path or an option is ever read as code. */
public final class ShellWords {
  private ShellWords() {}

  /**
   * {@code value} as one bash word a user can paste: as it is when bash treats none of its
   * characters specially.
   */
  public static String word(String value) {
    return value.matches("[A-Za-z0-9_./=:,@%+-]+") ? value : quote(value);
  }

  /**
   * {@code value} as one single-quoted bash word: nothing inside single quotes is special except
   * the quote itself, which is closed, escaped and reopened.
   */
  static String quote(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "a shell word cannot hold a NUL character: " + value.replace('\0', '?'));
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
