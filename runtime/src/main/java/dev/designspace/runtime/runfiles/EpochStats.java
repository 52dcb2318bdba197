package dev.designspace.runtime.runfiles;

import java.util.List;

/**
 * One epoch of training. Errors are top-1 (and top-5) percentages; the test errors come from the
 * inference-mode build at the end of the epoch.
 */
public record EpochStats(
    int epoch,
    double trainLoss,
    double trainError,
    double testError,
    double testTop5Error,
    double lr,
    double seconds) {

  /**
   * The epoch of {@code curve} with the lowest test error, the first of equals: the epoch whose
   * error a result reports; 0 when none is below {@link ModelResult#NO_ERROR}.
   */
  public static int bestEpoch(List<EpochStats> curve) {
    double best = ModelResult.NO_ERROR;
    int bestEpoch = 0;
    for (EpochStats e : curve) {
      if (e.testError() < best) {
        best = e.testError();
        bestEpoch = e.epoch();
      }
    }
    return bestEpoch;
  }
}
