package dev.designspace.runtime.analysis;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a comparison of b with a asks, and which verdicts answer it. A sequential comparison stops
 * when its question is answered; a verdict that answers only part of it (b no worse, when the
 * question is whether b is better) keeps it running.
 */
public enum Question {
  /** is either space better, or are they as good as each other? (a report's pairs, the demo) */
  WHICH_IS_BETTER(
      "which is better", EnumSet.of(Verdict.NO_WORSE, Verdict.NO_BETTER, Verdict.UNDECIDED)),
  /** is b better than a? (the paper: increasing widths, RegNetX over AnyNetXA) */
  BETTER("better", EnumSet.of(Verdict.NO_WORSE, Verdict.UNDECIDED)),
  /** does b lose nothing against a? (the paper: a shared bottleneck ratio, a shared group width) */
  NO_WORSE("no worse", EnumSet.of(Verdict.NO_BETTER, Verdict.UNDECIDED)),
  /** is b within the margin of a both ways? (the paper: RegNetX as good as AnyNetXE) */
  AS_GOOD_AS("as good as", EnumSet.of(Verdict.NO_WORSE, Verdict.NO_BETTER, Verdict.UNDECIDED));

  private final String words;
  private final Set<Verdict> open;

  Question(String words, Set<Verdict> open) {
    this.words = words;
    this.open = open;
  }

  public String words() {
    return words;
  }

  /** Whether {@code verdict} answers the question, so that a sequential comparison can stop. */
  public boolean answeredBy(Verdict verdict) {
    return !open.contains(verdict);
  }

  /** How a verdict stands to the question read as a claim (the paper's expectation). */
  public Agreement agreement(Verdict verdict) {
    if (verdict == Verdict.UNDECIDED) {
      return Agreement.UNDECIDED;
    }
    return switch (this) {
      case WHICH_IS_BETTER -> Agreement.NOT_SHOWN;
      case BETTER ->
          switch (verdict) {
            case BETTER -> Agreement.AGREES;
            case WORSE, NO_BETTER, AS_GOOD_AS -> Agreement.CONTRADICTS;
            default -> Agreement.NOT_SHOWN;
          };
      case NO_WORSE ->
          switch (verdict) {
            case BETTER, NO_WORSE, AS_GOOD_AS -> Agreement.AGREES;
            case WORSE, DIFFERENT -> Agreement.CONTRADICTS;
            default -> Agreement.NOT_SHOWN;
          };
      case AS_GOOD_AS ->
          switch (verdict) {
            // better loses nothing either: the claim's substance ("with far fewer degrees of
            // freedom")
            case AS_GOOD_AS, BETTER -> Agreement.AGREES;
            case WORSE, DIFFERENT -> Agreement.CONTRADICTS;
            default -> Agreement.NOT_SHOWN;
          };
    };
  }

  /** How a measured verdict stands to a claim. */
  public enum Agreement {
    AGREES("agrees"),
    /** decided, but neither shows the claim nor contradicts it */
    NOT_SHOWN("not shown"),
    CONTRADICTS("contradicts"),
    UNDECIDED("undecided");

    private final String words;

    Agreement(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }
}
