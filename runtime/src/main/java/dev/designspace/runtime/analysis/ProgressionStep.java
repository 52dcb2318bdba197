package dev.designspace.runtime.analysis;

import java.util.Locale;

/**
 * One step of a progression of design spaces (the paper's AnyNetXA to RegNetX) and what the paper
 * found for it, as the question the step asks: is the restricted space {@code to} no worse than
 * {@code from}, better, or as good as it.
 *
 * @param from the space before the step (a)
 * @param to the space after it (b)
 * @param expected what the paper found, as a question with its expected answer
 * @param claim what the paper found, in words
 */
public record ProgressionStep(String from, String to, Question expected, String claim) {

  /**
   * A measured step: the verdict of {@code to} against {@code from}, how it stands to the claim,
   * and how far the proxy can be trusted in each space ("trusted", "not trusted", "not checked",
   * ...), since a verdict on proxy errors is a verdict about the proxy where it is not.
   *
   * @param how where a sequential run decided the step ("decided at look 2 of 5, ..."), or empty
   */
  public record Outcome(
      ProgressionStep step,
      SpaceVerdict verdict,
      Question.Agreement agreement,
      String fromProxy,
      String toProxy,
      String how) {
    public String sentence() {
      SpaceVerdict v = verdict;
      StringBuilder s =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%s -> %s: the paper finds %s; measured (%d and %d models): %s: %s (%s; %s)",
                  step.from,
                  step.to,
                  step.claim,
                  v.na(),
                  v.nb(),
                  v.headline(step.from, step.to),
                  agreement.words(),
                  v.effects(step.from, step.to),
                  v.testWords(step.from, step.to)));
      if (!v.decided()) {
        s.append("; ").append(v.toDecide());
      }
      s.append(
          String.format(
              Locale.ROOT, "; proxy %s: %s, %s: %s", step.from, fromProxy, step.to, toProxy));
      if (!how.isEmpty()) {
        s.append(" [").append(how).append(']');
      }
      return s.toString();
    }
  }

  /** Judges the verdict of {@code to} (b) against {@code from} (a) by the step's claim. */
  public Outcome judge(SpaceVerdict verdict, String fromProxy, String toProxy, String how) {
    return new Outcome(
        this, verdict, expected.agreement(verdict.verdict()), fromProxy, toProxy, how);
  }
}
