package dev.designspace.runtime.train;

import dev.designspace.runtime.data.Dataset;
import dev.designspace.runtime.nn.Network;
import java.util.Objects;

/**
 * One model to train into a run directory.
 *
 * @param resume continue from the run directory's last checkpoint when there is one
 */
public record TrainRequest(
    Network network,
    Dataset dataset,
    TrainOptions options,
    RunDirectory runDirectory,
    boolean resume,
    ProgressListener listener) {
  public TrainRequest {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(runDirectory, "runDirectory");
    Objects.requireNonNull(listener, "listener");
  }
}
