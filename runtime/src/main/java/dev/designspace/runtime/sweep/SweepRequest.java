package dev.designspace.runtime.sweep;

import dev.designspace.command.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One sweep.
 *
 * @param trainArguments options passed to every worker's {@code train} (epochs, dataset, ...)
 * @param threadsPerWorker TensorFlow intra-op threads per worker
 * @param retryFailed train the models whose result is failed again (their results are set aside)
 * @param checkProxy after the sweep, train this many of its models again at {@code checkEpochs} (0:
 *     no proxy check); see {@link ProxyCheck}
 * @param checkEpochs epochs of the proxy check's longer training
 * @param workerMode whether a worker process trains model after model, or one model each
 * @param grow whether a sweep of fewer models in the directory may grow to {@code count}: the first
 *     models of a larger sample are the smaller sample, so those already trained keep their results
 *     (a sequential comparison's rounds)
 */
public record SweepRequest(
    Path spec,
    int count,
    long seed,
    Path directory,
    int workers,
    int threadsPerWorker,
    List<String> trainArguments,
    boolean retryFailed,
    int checkProxy,
    int checkEpochs,
    WorkerMode workerMode,
    boolean grow) {

  public SweepRequest(
      Path spec,
      int count,
      long seed,
      Path directory,
      int workers,
      int threadsPerWorker,
      List<String> trainArguments,
      boolean retryFailed) {
    this(
        spec, count, seed, directory, workers, threadsPerWorker, trainArguments, retryFailed, 0, 0);
  }

  public SweepRequest(
      Path spec,
      int count,
      long seed,
      Path directory,
      int workers,
      int threadsPerWorker,
      List<String> trainArguments,
      boolean retryFailed,
      int checkProxy,
      int checkEpochs) {
    this(
        spec,
        count,
        seed,
        directory,
        workers,
        threadsPerWorker,
        trainArguments,
        retryFailed,
        checkProxy,
        checkEpochs,
        WorkerMode.PERSISTENT,
        false);
  }

  /** The same sweep with its models trained in {@code mode}'s worker processes. */
  public SweepRequest withWorkerMode(WorkerMode mode) {
    return new SweepRequest(
        spec,
        count,
        seed,
        directory,
        workers,
        threadsPerWorker,
        trainArguments,
        retryFailed,
        checkProxy,
        checkEpochs,
        mode,
        grow);
  }

  /** The same sweep with {@code count} models, growing the directory's sweep if it has fewer. */
  public SweepRequest grownTo(int newCount) {
    return new SweepRequest(
        spec,
        newCount,
        seed,
        directory,
        workers,
        threadsPerWorker,
        trainArguments,
        retryFailed,
        Math.min(checkProxy, newCount),
        checkEpochs,
        workerMode,
        true);
  }

  /** The same sweep with a proxy check of {@code models} models at {@code epochs} epochs. */
  public SweepRequest withProxyCheck(int models, int epochs) {
    return new SweepRequest(
        spec,
        count,
        seed,
        directory,
        workers,
        threadsPerWorker,
        trainArguments,
        retryFailed,
        models,
        epochs,
        workerMode,
        grow);
  }

  public SweepRequest {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(workerMode, "workerMode");
    trainArguments = List.copyOf(trainArguments);
    if (count < 1) {
      throw new BadInputException("a sweep needs at least one model, got -n " + count);
    }
    if (workers < 1) {
      throw new BadInputException("--workers must be >= 1, got " + workers);
    }
    if (threadsPerWorker < 1) {
      throw new BadInputException("threads per worker must be >= 1");
    }
    if (checkProxy < 0 || checkProxy > count) {
      throw new BadInputException(
          "--check-proxy must be between 0 and the sweep's "
              + count
              + " models, got "
              + checkProxy);
    }
    if (checkProxy > 0 && checkEpochs <= ProxyCheck.epochsOf(trainArguments)) {
      throw new BadInputException(
          "the proxy check trains longer than the sweep: --check-epochs must exceed "
              + ProxyCheck.epochsOf(trainArguments)
              + ", got "
              + checkEpochs);
    }
  }
}
