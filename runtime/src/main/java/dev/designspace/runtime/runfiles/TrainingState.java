package dev.designspace.runtime.runfiles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A run's {@code state.json}, written after every epoch: what a resumed run continues from.
 *
 * @param epochsDone epochs finished, and saved in {@code checkpoint}
 * @param checkpoint the checkpoint's path prefix, relative to the run directory
 * @param trainSeconds training time so far (evaluation excluded)
 * @param trainImages images trained on so far
 * @param curve one entry per finished epoch
 * @param lossTrace the loss so far; {@link LossTrace#NONE} for states written before it was
 *     recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingState(
    int epochsDone,
    String checkpoint,
    double trainSeconds,
    long trainImages,
    List<EpochStats> curve,
    LossTrace lossTrace) {
  /** The fields a state cannot resume without. */
  static final List<String> REQUIRED =
      List.of("checkpoint", "epochsDone", "curve", "trainSeconds", "trainImages");

  public TrainingState {
    Objects.requireNonNull(checkpoint, "checkpoint");
    curve = List.copyOf(curve);
    if (epochsDone != curve.size()) {
      throw new IllegalArgumentException(
          epochsDone + " epochs done, but a curve of " + curve.size());
    }
    if (lossTrace == null) {
      lossTrace = LossTrace.NONE;
    }
  }
}
