package dev.designspace.runtime.slurm;

import dev.designspace.command.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A sweep to submit to Slurm.
 *
 * @param trainArguments options passed to every task's {@code train} (epochs, dataset, ...)
 * @param retryFailed also submit the models whose result is {@code failed}
 * @param dryRun write the script, submit nothing
 */
public record SlurmRequest(
    Path spec,
    int count,
    long seed,
    Path directory,
    List<String> trainArguments,
    SlurmOptions options,
    boolean retryFailed,
    boolean dryRun) {
  public SlurmRequest {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(options, "options");
    trainArguments = List.copyOf(trainArguments);
    if (count < 1) {
      throw new BadInputException("a sweep needs at least one model, got -n " + count);
    }
  }
}
