package dev.designspace.generator.emit;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code gen} did.
 *
 * @param written sources whose bytes changed (or are new)
 * @param unchanged sources already on disk with the same bytes (not touched)
 * @param removed sources of an earlier run's manifest that this run no longer generates
 */
public record GenerationResult(
    List<ModelSource> models,
    List<Path> written,
    List<Path> unchanged,
    List<Path> removed,
    Path manifest) {
  public GenerationResult {
    models = List.copyOf(models);
    written = List.copyOf(written);
    unchanged = List.copyOf(unchanged);
    removed = List.copyOf(removed);
  }
}
