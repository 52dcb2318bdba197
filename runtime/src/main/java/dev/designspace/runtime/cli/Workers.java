package dev.designspace.runtime.cli;

import dev.designspace.command.BadInputException;

/**
 * How many workers train at once and the intra-op threads each gets: every core, shared out.
 *
 * @param count the workers, {@code --workers} or one per core
 * @param threadsEach the cores divided among them, at least one
 */
record Workers(int count, int threadsEach) {
  /** {@code requested} workers (null: one per core) on this machine's cores. */
  static Workers of(Integer requested) {
    int cores = Runtime.getRuntime().availableProcessors();
    int count = requested != null ? requested : cores;
    if (count < 1) {
      throw new BadInputException("--workers must be >= 1, got " + count);
    }
    return new Workers(count, Math.max(1, cores / count));
  }
}
