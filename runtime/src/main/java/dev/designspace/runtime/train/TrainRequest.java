package dev.designspace.runtime.train;

import dev.designspace.layers.Network;
import dev.designspace.runtime.data.Dataset;
import dev.designspace.runtime.runfiles.RunDirectory;
import java.util.Objects;

/**
 * One model to train into a run directory.
 *
 * @param resume continue from the run directory's last checkpoint when there is one
 * @param prefetch prepare the batches on a thread of their own, ahead of the steps (the default;
 *     off only to measure what that saves: the batches and results are the same either way)
 */
public record TrainRequest(
    Network network,
    Dataset dataset,
    TrainOptions options,
    RunDirectory runDirectory,
    boolean resume,
    ProgressListener listener,
    boolean prefetch) {
  public TrainRequest {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(runDirectory, "runDirectory");
    Objects.requireNonNull(listener, "listener");
  }

  /** A request with the batches prefetched. */
  public TrainRequest(
      Network network,
      Dataset dataset,
      TrainOptions options,
      RunDirectory runDirectory,
      boolean resume,
      ProgressListener listener) {
    this(network, dataset, options, runDirectory, resume, listener, true);
  }

  public TrainRequest withPrefetch(boolean value) {
    return new TrainRequest(network, dataset, options, runDirectory, resume, listener, value);
  }
}
