package dev.designspace.runtime.runfiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads run files, old ones included: every reader of results and states goes through here. */
public final class RunFileReader {
  private RunFileReader() {}

  /**
   * Reads a {@code result.json} (or a result set aside for a retry).
   *
   * @throws RunFileException when the file is JSON but not a result
   * @throws IOException when it cannot be read or parsed
   */
  public static ModelResult result(Path file) throws IOException {
    JsonNode tree = RunFiles.JSON.readTree(file.toFile());
    return convert(tree, ModelResult.class, file);
  }

  /** The {@code result.json} in {@code runDir}, if it has one. */
  public static Optional<ModelResult> resultIn(Path runDir) throws IOException {
    Path file = runDir.resolve(RunFiles.RESULT);
    return Files.isRegularFile(file) ? Optional.of(result(file)) : Optional.empty();
  }

  /**
   * Reads a {@code state.json}.
   *
   * @throws RunFileException when a field a resume needs is missing, or the file is not a state
   */
  public static TrainingState state(Path file) throws IOException {
    JsonNode tree = RunFiles.JSON.readTree(file.toFile());
    for (String field : TrainingState.REQUIRED) {
      if (!tree.hasNonNull(field)) {
        throw new RunFileException(
            file + " lacks '" + field + "': it is damaged; delete the run directory to start over",
            null);
      }
    }
    return convert(tree, TrainingState.class, file);
  }

  /** The {@code state.json} in {@code runDir}, if it has one. */
  public static Optional<TrainingState> stateIn(Path runDir) throws IOException {
    Path file = runDir.resolve(RunFiles.STATE);
    return Files.isRegularFile(file) ? Optional.of(state(file)) : Optional.empty();
  }

  private static <T> T convert(JsonNode tree, Class<T> type, Path file) throws RunFileException {
    if (!tree.isObject()) {
      throw new RunFileException(file + " is not a JSON object", null);
    }
    try {
      return RunFiles.JSON.treeToValue(tree, type);
    } catch (ValueInstantiationException e) {
      Throwable why = e.getCause() == null ? e : e.getCause();
      throw new RunFileException(file + " is damaged: " + why.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new RunFileException(file + " is damaged: " + e.getOriginalMessage(), e);
    }
  }
}
