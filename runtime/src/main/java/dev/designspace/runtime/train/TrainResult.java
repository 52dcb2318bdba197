package dev.designspace.runtime.train;

import dev.designspace.runtime.runfiles.EpochStats;
import dev.designspace.runtime.runfiles.RunStatus;
import java.util.List;

/**
 * How a training run ended.
 *
 * @param status {@link RunStatus#DONE} or {@link RunStatus#DIVERGED}
 * @param error best test top-1 error over the epochs, in percent: the EDF's value (100 when no
 *     epoch finished)
 * @param finalError test top-1 error after the last completed epoch
 * @param message why it diverged, or empty
 */
public record TrainResult(
    RunStatus status,
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
}
