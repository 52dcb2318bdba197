package dev.designspace.runtime.sweep;

/**
 * Counts of a running sweep, and the best error so far.
 *
 * @param secondsPerModel wall time per finished model so far (workers running in parallel included)
 */
public record SweepProgress(
    int total,
    int done,
    int failed,
    int diverged,
    int running,
    double bestError,
    double secondsPerModel) {

  public int finished() {
    return done + failed + diverged;
  }

  /** Remaining wall-clock seconds at the pace so far. */
  public double etaSeconds() {
    return (total - finished()) * secondsPerModel;
  }
}
