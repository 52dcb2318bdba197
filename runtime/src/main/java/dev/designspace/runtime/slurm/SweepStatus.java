package dev.designspace.runtime.slurm;

import dev.designspace.runtime.runfiles.ModelResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a sweep stands: models with a result by status, and the rest by what the queue says.
 *
 * @param jobs Slurm jobs submitted for the sweep (0 for a local sweep)
 * @param slurmScript whether a Slurm script was written (a dry run may have been submitted by hand)
 * @param queueKnown whether squeue answered about them; without it, running/pending/notQueued are 0
 * @param notQueued models with neither a result nor a queued task (stopped; submit again to resume)
 * @param failures "id (cause): message" of each failed model
 * @param lost failed models lost to their environment or interrupted: a rerun trains them again
 * @param best the done model with the lowest error; null when none is done
 */
public record SweepStatus(
    Path directory,
    int total,
    int done,
    int failed,
    int diverged,
    int running,
    int pending,
    int notQueued,
    int jobs,
    boolean slurmScript,
    boolean queueKnown,
    List<String> failures,
    int lost,
    ModelResult best) {
  public SweepStatus {
    failures = List.copyOf(failures);
    if (Math.min(
            Math.min(Math.min(done, failed), Math.min(diverged, running)),
            Math.min(pending, notQueued))
        < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
    if (done + failed + diverged + running + pending + notQueued > total) {
      throw new IllegalArgumentException("more models counted than the sweep has (" + total + ")");
    }
    if (failures.size() != failed) {
      throw new IllegalArgumentException("one message per failed model");
    }
  }

  /** Whether the sweep was ever submitted to Slurm (jobs recorded, or a script written for one). */
  public boolean slurmUsed() {
    return jobs > 0 || slurmScript;
  }

  public int unfinished() {
    return total - done - failed - diverged;
  }
}
