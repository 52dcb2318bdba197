package dev.designspace.runtime.train;

/**
 * Where the time of a training step goes, as medians over steps.
 *
 * @param inputWaitMillis waiting for the next batch (with prefetch: only when it is not ready yet;
 *     without: preparing it)
 * @param runMillis the session run of the step (forward, backward, update, fetching the loss)
 * @param imagesPerSecond over all the measured steps
 */
public record StepSplit(double inputWaitMillis, double runMillis, double imagesPerSecond) {
  /** Input wait as a share of input wait plus run, in percent. */
  public double inputSharePercent() {
    double total = inputWaitMillis + runMillis;
    return total > 0 ? 100 * inputWaitMillis / total : 0;
  }
}
