package dev.designspace.runtime.analysis;

/**
 * What a comparison of design space b with design space a shows, in the paper's terms. "Better"
 * means b's error EDF lies above a's (more good models at some error level, the one-sided KS test)
 * and nowhere significantly below it; the margin classes compare the shift of the error
 * distribution (Hodges-Lehmann) with the margin.
 */
public enum Verdict {
  /** b's EDF lies above a's, and nowhere significantly below it */
  BETTER("better than"),
  /** a's EDF lies above b's, and nowhere significantly below it */
  WORSE("worse than"),
  /** each EDF lies significantly above the other somewhere: the EDFs cross */
  DIFFERENT("different from (the EDFs cross)"),
  /** b is shown to be within the margin of a both ways */
  AS_GOOD_AS("as good as"),
  /** b is shown not to be worse than a by the margin or more */
  NO_WORSE("no worse than"),
  /** b is shown not to be better than a by the margin or more */
  NO_BETTER("no better than"),
  /** none of the above is shown yet */
  UNDECIDED("undecided against");

  private final String words;

  Verdict(String words) {
    this.words = words;
  }

  /** The verdict in a sentence "B is ... A". */
  public String words() {
    return words;
  }

  /**
   * The verdict that one-sided p-values give at level {@code alpha}: dominance first (both
   * directions: different), then the margin (both ways: as good as).
   */
  public static Verdict of(VerdictTests p, double alpha) {
    boolean better = p.better() <= alpha;
    boolean worse = p.worse() <= alpha;
    if (better && worse) {
      return DIFFERENT;
    }
    if (better) {
      return BETTER;
    }
    if (worse) {
      return WORSE;
    }
    boolean noWorse = p.noWorse() <= alpha;
    boolean noBetter = p.noBetter() <= alpha;
    if (noWorse && noBetter) {
      return AS_GOOD_AS;
    }
    if (noWorse) {
      return NO_WORSE;
    }
    return noBetter ? NO_BETTER : UNDECIDED;
  }
}
