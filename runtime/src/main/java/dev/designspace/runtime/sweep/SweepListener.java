package dev.designspace.runtime.sweep;

/** What a sweep reports while it runs. */
public interface SweepListener {
  SweepListener NONE = new SweepListener() {};

  default void started(String modelId, int running, int pending) {}

  /** A model ended; {@code status} is done, failed or diverged. */
  default void finished(String modelId, String status, double error, SweepProgress progress) {}

  default void message(String line) {}
}
