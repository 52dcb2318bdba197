package dev.designspace.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/** The results of a sweep directory: one result.json per finished model, sorted by id. */
public record SweepResult(Path directory, List<JsonNode> results, int done, int failed, int diverged, double bestError) {
  public SweepResult {
    results = List.copyOf(results);
  }
}
