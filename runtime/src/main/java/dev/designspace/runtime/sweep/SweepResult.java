package dev.designspace.runtime.sweep;

import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a run of a sweep ended: the sweep directory as read afterwards, and why it stopped handing
 * out models early, if it did.
 *
 * @param stopped why the sweep stopped handing out models before every model had a result (its
 *     directory could not be written); empty when it did not
 */
public record SweepResult(SweepContents contents, Optional<String> stopped) {

  public SweepResult(SweepContents contents) {
    this(contents, Optional.empty());
  }

  /** This result, of a sweep that stopped early for {@code reason}. */
  public SweepResult stoppedBecause(String reason) {
    return new SweepResult(contents, Optional.of(reason));
  }

  public Path directory() {
    return contents.directory();
  }

  /** One result per model that has one, in the order of their run directories. */
  public List<ModelResult> results() {
    return contents.results();
  }

  public int done() {
    return contents.withStatus(RunStatus.DONE).size();
  }

  public int failed() {
    return contents.withStatus(RunStatus.FAILED).size();
  }

  public int diverged() {
    return contents.withStatus(RunStatus.DIVERGED).size();
  }

  /** The lowest error of a done model; NaN when none is done. */
  public double bestError() {
    return contents.bestError();
  }

  /** See {@link SweepContents#lost}. */
  public List<ModelResult> lost() {
    return contents.lost();
  }
}
