package dev.designspace.runtime.slurm;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a sweep stands: models with a result by status, and the rest by what the queue says.
 *
 * @param queueKnown whether squeue answered; without it, running/pending/notQueued are 0
 * @param notQueued models with neither a result nor a queued task (stopped; submit again to resume)
 * @param failures "id: message" of each failed model
 */
public record SweepStatus(Path directory, int total, int done, int failed, int diverged, int running, int pending,
    int notQueued, boolean queueKnown, List<String> failures) {
  public SweepStatus {
    failures = List.copyOf(failures);
  }

  public int unfinished() {
    return total - done - failed - diverged;
  }
}
