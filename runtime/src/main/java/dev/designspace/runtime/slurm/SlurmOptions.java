package dev.designspace.runtime.slurm;

import dev.designspace.command.BadInputException;
import java.util.regex.Pattern;

/**
 * What every array task asks Slurm for.
 *
 * @param partition {@code --partition}, or null for the cluster's default
 * @param timeLimitMinutes {@code --time} per task in minutes, or null for the partition's default
 * @param gpusPerTask {@code --gpus-per-task}; 0 asks for none (and trains on the CPU)
 * @param cpusPerTask {@code --cpus-per-task}, also the task's TensorFlow threads
 * @param maxParallel the array throttle {@code %K}: at most K tasks run at once; null for no limit
 */
public record SlurmOptions(
    String partition,
    Integer timeLimitMinutes,
    int gpusPerTask,
    int cpusPerTask,
    Integer maxParallel) {
  // Slurm partition names; a comma separates several
  private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*");

  public SlurmOptions {
    if (partition != null && !PARTITION.matcher(partition).matches()) {
      throw new BadInputException(
          "--partition must be a Slurm partition name (letters, digits, '_', '.', '-';"
              + " a comma between several), got '"
              + partition
              + "'");
    }
    if (timeLimitMinutes != null && timeLimitMinutes < 1) {
      throw new BadInputException("--time-limit must be >= 1 minute, got " + timeLimitMinutes);
    }
    if (gpusPerTask < 0) {
      throw new BadInputException("--gpus-per-task must be >= 0, got " + gpusPerTask);
    }
    if (cpusPerTask < 1) {
      throw new BadInputException("--cpus-per-task must be >= 1, got " + cpusPerTask);
    }
    if (maxParallel != null && maxParallel < 1) {
      throw new BadInputException("--max-parallel must be >= 1, got " + maxParallel);
    }
  }
}
