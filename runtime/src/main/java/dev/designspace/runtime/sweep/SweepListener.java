package dev.designspace.runtime.sweep;

import dev.designspace.runtime.runfiles.RunStatus;

/** What a sweep reports while it runs. */
public interface SweepListener {
  SweepListener NONE = new SweepListener() {};

  default void started(String modelId, int running, int pending) {}

  /** A model ended. */
  default void finished(String modelId, RunStatus status, double error, SweepProgress progress) {}

  default void message(String line) {}
}
