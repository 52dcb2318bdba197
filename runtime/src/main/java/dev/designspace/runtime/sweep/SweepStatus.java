package dev.designspace.runtime.sweep;

import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import java.io.IOException;
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

  /** What the queue says of the models without a result; {@link #NONE} for a local sweep. */
  public record Queue(
      int running, int pending, int notQueued, int jobs, boolean slurmScript, boolean known) {
    public static final Queue NONE = new Queue(0, 0, 0, 0, false, false);
  }

  /** What a launcher's queue says of a sweep's models that have no result yet. */
  @FunctionalInterface
  public interface QueueReader {
    Queue read(SweepDirectory sweep, SweepContents contents) throws IOException;
  }

  /** The status of the sweep in {@code directory}, its unfinished models as {@code queue} says. */
  public static SweepStatus read(Path directory, QueueReader queue) throws IOException {
    SweepContents contents = SweepContents.read(directory);
    // without a manifest, open says what the directory lacks
    SweepDirectory sweep =
        contents.directoryFiles().isPresent()
            ? contents.directoryFiles().get()
            : SweepDirectory.open(directory);
    return of(contents, sweep.models().size(), queue.read(sweep, contents));
  }

  /** The status of {@code contents}, a sweep of {@code total} models, with what the queue says. */
  public static SweepStatus of(SweepContents contents, int total, Queue queue) {
    return new SweepStatus(
        contents.directory(),
        total,
        contents.withStatus(RunStatus.DONE).size(),
        contents.withStatus(RunStatus.FAILED).size(),
        contents.withStatus(RunStatus.DIVERGED).size(),
        queue.running(),
        queue.pending(),
        queue.notQueued(),
        queue.jobs(),
        queue.slurmScript(),
        queue.known(),
        contents.failures(),
        contents.lost().size(),
        contents.best().orElse(null));
  }

  /** Whether the sweep was ever submitted to Slurm (jobs recorded, or a script written for one). */
  public boolean slurmUsed() {
    return jobs > 0 || slurmScript;
  }

  public int unfinished() {
    return total - done - failed - diverged;
  }
}
