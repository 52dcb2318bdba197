package dev.designspace.runtime.train;

import java.util.List;

/**
 * How a training run ended.
 *
 * @param status {@code done} or {@code diverged}
 * @param error best test top-1 error over the epochs, in percent: the EDF's value (100 when no
 *     epoch finished)
 * @param finalError test top-1 error after the last completed epoch
 * @param message why it diverged, or empty
 */
public record TrainResult(
    String status,
    double error,
    double finalError,
    int bestEpoch,
    List<EpochStats> curve,
    double trainSeconds,
    double imagesPerSecond,
    String message) {
  public TrainResult {
    curve = List.copyOf(curve);
  }

  public static final String DONE = "done";
  public static final String DIVERGED = "diverged";
  public static final String FAILED = "failed";
}
