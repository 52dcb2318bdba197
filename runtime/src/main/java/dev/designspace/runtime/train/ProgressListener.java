package dev.designspace.runtime.train;

import dev.designspace.runtime.runfiles.EpochStats;

/** Training progress, for a progress bar or log lines. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** Called every few steps. */
  default void step(int epoch, int step, int stepsPerEpoch, double loss, double imagesPerSecond) {}

  default void epoch(EpochStats stats, int epochs) {}

  default void message(String line) {}
}
