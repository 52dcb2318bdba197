package dev.designspace.runtime.analysis;

import java.util.Locale;

/**
 * One step of the paper's progression of design spaces (AnyNetXA to RegNetX) and what the paper
 * found for it: the restricted space {@code to} is no worse than {@code from}, or better.
 *
 * @param from the space before the step
 * @param to the space after it
 * @param claim what the paper found, in words
 */
public record ProgressionStep(String from, String to, Expectation expected, String claim) {

  /** What the paper found. */
  public enum Expectation {
    /** the restricted space loses nothing: its EDF is not worse */
    NO_WORSE,
    /** the restricted space is better */
    BETTER
  }

  /** How a measured comparison stands to the paper's claim. */
  public enum Agreement {
    AGREES,
    NOT_SHOWN,
    CONTRADICTS;

    public String words() {
      return switch (this) {
        case AGREES -> "agrees";
        case NOT_SHOWN -> "not shown (within noise)";
        case CONTRADICTS -> "contradicts";
      };
    }
  }

  /**
   * A measured step: the comparison of {@code from} (a) against {@code to} (b), and its agreement.
   */
  public record Outcome(ProgressionStep step, SpaceComparison comparison, Agreement agreement) {
    public String sentence() {
      SpaceComparison c = comparison;
      String measured =
          String.format(
              Locale.ROOT,
              "median %s minus %s %+.2f points, KS p = %.3g, Mann-Whitney p = %.3g",
              step.from,
              step.to,
              c.medianDifference(),
              c.ksPValue(),
              c.mannWhitneyPValue());
      return String.format(
          Locale.ROOT,
          "%s -> %s: the paper finds %s; measured %s: %s",
          step.from,
          step.to,
          step.claim,
          measured,
          agreement.words());
    }
  }

  /**
   * Judges a comparison of {@code from} (a) against {@code to} (b) at level {@code alpha}: a
   * significant difference in favour of {@code to} agrees with either claim; a significant one in
   * favour of {@code from} contradicts either; no significant difference agrees with "no worse" and
   * does not show "better".
   */
  public Outcome judge(SpaceComparison c, double alpha) {
    boolean toBetter = c.significant(alpha) && c.medianDifference() > 0;
    boolean toWorse = c.significant(alpha) && c.medianDifference() < 0;
    Agreement agreement;
    if (toWorse) {
      agreement = Agreement.CONTRADICTS;
    } else if (toBetter || expected == Expectation.NO_WORSE) {
      agreement = Agreement.AGREES;
    } else {
      agreement = Agreement.NOT_SHOWN;
    }
    return new Outcome(this, c, agreement);
  }
}
