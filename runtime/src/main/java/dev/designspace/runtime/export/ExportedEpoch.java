package dev.designspace.runtime.export;

import dev.designspace.command.BadInputException;
import java.util.Locale;

/**
 * Which epoch's weights {@code export} writes: the best (the epoch whose test error the sweep and
 * the report show), the final one, or a numbered one that the run kept.
 *
 * @param number the epoch for {@link Kind#NUMBERED}, else 0
 */
public record ExportedEpoch(Kind kind, int number) {
  /** The kinds of choice, as {@code --epoch} spells them. */
  public enum Kind {
    BEST,
    FINAL,
    NUMBERED
  }

  public static final ExportedEpoch BEST = new ExportedEpoch(Kind.BEST, 0);
  public static final ExportedEpoch FINAL = new ExportedEpoch(Kind.FINAL, 0);

  public ExportedEpoch {
    if ((kind == Kind.NUMBERED) != (number > 0)) {
      throw new BadInputException(
          kind == Kind.NUMBERED
              ? "epochs count from 1, got " + number
              : kind + " names no epoch number, got " + number);
    }
  }

  public static ExportedEpoch numbered(int epoch) {
    return new ExportedEpoch(Kind.NUMBERED, epoch);
  }

  /**
   * {@code best}, {@code final} or an epoch number.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static ExportedEpoch parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("best")) {
      return BEST;
    }
    if (t.equals("final")) {
      return FINAL;
    }
    try {
      int epoch = Integer.parseInt(t);
      if (epoch >= 1) {
        return numbered(epoch);
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new BadInputException(
        "--epoch must be best, final or an epoch number from 1, got '" + text + "'");
  }

  /** As {@code --epoch} and {@code designspace-model.json} spell it. */
  @Override
  public String toString() {
    return kind == Kind.NUMBERED ? String.valueOf(number) : kind.name().toLowerCase(Locale.ROOT);
  }
}
