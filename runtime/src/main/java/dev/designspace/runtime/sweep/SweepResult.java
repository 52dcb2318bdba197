package dev.designspace.runtime.sweep;

import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The results of a sweep directory: one result.json per finished model, sorted by id.
 *
 * @param stopped why the sweep stopped handing out models before every model had a result (its
 *     directory could not be written); empty when it did not
 */
public record SweepResult(
    Path directory,
    List<ModelResult> results,
    int done,
    int failed,
    int diverged,
    double bestError,
    Optional<String> stopped) {
  public SweepResult {
    results = List.copyOf(results);
  }

  public SweepResult(
      Path directory,
      List<ModelResult> results,
      int done,
      int failed,
      int diverged,
      double bestError) {
    this(directory, results, done, failed, diverged, bestError, Optional.empty());
  }

  /** This result, of a sweep that stopped early for {@code reason}. */
  public SweepResult stoppedBecause(String reason) {
    return new SweepResult(
        directory, results, done, failed, diverged, bestError, Optional.of(reason));
  }

  /**
   * The failed models whose failure says nothing about them (lost to their environment, or
   * interrupted): a rerun trains them again.
   */
  public List<ModelResult> lost() {
    return results.stream()
        .filter(r -> r.status() == RunStatus.FAILED && r.cause().retriedOnResume())
        .toList();
  }
}
