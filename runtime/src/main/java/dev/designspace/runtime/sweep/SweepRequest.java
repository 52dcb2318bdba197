package dev.designspace.runtime.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One sweep.
 *
 * @param trainArguments options passed to every worker's {@code train} (epochs, dataset, ...)
 * @param threadsPerWorker TensorFlow intra-op threads per worker
 * @param retryFailed train the models whose result is failed again (their results are set aside)
 */
public record SweepRequest(Path spec, int count, long seed, Path directory, int workers, int threadsPerWorker,
    List<String> trainArguments, boolean retryFailed) {
  public SweepRequest {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(directory, "directory");
    trainArguments = List.copyOf(trainArguments);
    if (count < 1) {
      throw new IllegalArgumentException("a sweep needs at least one model, got -n " + count);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
    }
    if (threadsPerWorker < 1) {
      throw new IllegalArgumentException("threads per worker must be >= 1");
    }
  }
}
