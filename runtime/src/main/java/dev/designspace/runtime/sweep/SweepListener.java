package dev.designspace.runtime.sweep;

import dev.designspace.runtime.runfiles.ModelResult;

/** What a sweep reports while it runs. */
public interface SweepListener {
  SweepListener NONE = new SweepListener() {};

  default void started(String modelId, int running, int pending) {}

  /** A model ended with {@code result}, written to its run directory. */
  default void finished(ModelResult result, SweepProgress progress) {}

  default void message(String line) {}
}
