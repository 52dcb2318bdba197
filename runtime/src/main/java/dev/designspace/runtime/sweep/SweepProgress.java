package dev.designspace.runtime.sweep;

/** Counts of a running sweep, and the best error so far. */
public record SweepProgress(int total, int done, int failed, int diverged, int running, double bestError,
    double secondsPerModel) {

  public int finished() {
    return done + failed + diverged;
  }

  /** Remaining seconds at the pace so far, with {@code workers} in parallel. */
  public double etaSeconds(int workers) {
    return (total - finished()) * secondsPerModel / Math.max(1, workers);
  }
}
