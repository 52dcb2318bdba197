package dev.designspace.runtime.runfiles;

/**
 * Where the training loss started and how high it went: a loss that climbs far above its starting
 * value early in training means the weights blew up, even when the run later settles.
 *
 * @param start the loss of the first step (about ln(classes) for a fresh model)
 * @param peak the highest loss of any step
 * @param peakStep the step (1-based, counted over all epochs) of the peak
 */
public record LossTrace(double start, double peak, long peakStep) {
  /** Before the first step. */
  public static final LossTrace NONE = new LossTrace(Double.NaN, Double.NaN, 0);

  /** This trace after one more step. */
  public LossTrace after(long step, double loss) {
    if (Double.isNaN(start)) {
      return new LossTrace(loss, loss, step);
    }
    return loss > peak ? new LossTrace(start, loss, step) : this;
  }
}
