package dev.designspace.runtime.analysis;

/**
 * The rule that calls a training run blown up: some step's loss rose above {@link #FACTOR} times
 * the loss of its first step. A fresh classifier starts near ln(classes) and a healthy run only
 * goes down from there (with noise of a few percent); a run whose weights blew up early climbs to
 * several times that within the first steps, and on a short schedule rarely recovers, so its error
 * says more about the recipe than about the architecture.
 */
public final class LossBlowUp {
  public static final double FACTOR = 2.0;

  private LossBlowUp() {}

  /** Whether a run with this first-step and highest loss blew up; unknown losses (NaN) never do. */
  public static boolean blewUp(double start, double peak) {
    return start > 0 && peak > FACTOR * start;
  }
}
