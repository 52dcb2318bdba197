package dev.designspace.runtime.runfiles;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a run ended, as {@code result.json}'s {@code status} spells it. */
public enum RunStatus {
  /** Trained every epoch. */
  DONE,
  /**
   * The loss became NaN or infinite, or exceeded 1000 x ln(classes); the result holds the epochs
   * before.
   */
  DIVERGED,
  /**
   * Ended without training to the end (an exception, a killed or crashed worker); {@code message}
   * says why.
   */
  FAILED;

  /** The status as run files spell it: {@code done}, {@code diverged}, {@code failed}. */
  @JsonValue
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static RunStatus parse(String name) {
    for (RunStatus s : values()) {
      if (s.externalName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "status must be done, diverged or failed, got '" + name + "'");
  }

  /** As the files spell it, so that messages and progress lines read as before. */
  @Override
  public String toString() {
    return externalName();
  }
}
