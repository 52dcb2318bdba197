package dev.designspace.runtime.sweep;

import dev.designspace.runtime.runfiles.ModelResult;
import java.nio.file.Path;
import java.util.List;

/** The results of a sweep directory: one result.json per finished model, sorted by id. */
public record SweepResult(
    Path directory,
    List<ModelResult> results,
    int done,
    int failed,
    int diverged,
    double bestError) {
  public SweepResult {
    results = List.copyOf(results);
  }
}
