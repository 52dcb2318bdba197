package dev.designspace.runtime.slurm;

import java.nio.file.Path;
import java.util.List;

/**
 * What a submission did.
 *
 * @param script the sbatch script written, or null when there was nothing to submit
 * @param command the sbatch command that submits it (run, or to run after a dry run)
 * @param tasks the array task indices (manifest positions) submitted
 * @param jobId Slurm's job id, or null for a dry run or when nothing was submitted
 * @param withResult models skipped because they have a result
 * @param queued models skipped because a task of an earlier submission is queued or running for
 *     them
 * @param failedKept of those with a result, the failed ones not retried (no --retry-failed)
 * @param setAside failed results moved to previous-result-N.json so that their models train again
 */
public record SlurmSubmission(
    Path script,
    List<String> command,
    List<Integer> tasks,
    String jobId,
    int withResult,
    int queued,
    int failedKept,
    int setAside) {
  public SlurmSubmission {
    command = List.copyOf(command);
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty() != (script == null)) {
      throw new IllegalArgumentException("a script exactly when there are tasks to run");
    }
    if (jobId != null && script == null) {
      throw new IllegalArgumentException("a job needs a script");
    }
  }
}
