package dev.designspace.runtime.runfiles;

import dev.designspace.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes run files atomically (a temporary file in the same directory, then a rename): a reader
 * sees the old file or the new one, never half of one.
 */
public final class RunFileWriter {
  private RunFileWriter() {}

  /** Writes {@code result} to {@code file} (a run directory's {@code result.json}). */
  public static void write(Path file, ModelResult result) throws IOException {
    AtomicFiles.write(file, bytes(result));
  }

  /** Writes {@code state} to {@code file} (a run directory's {@code state.json}). */
  public static void write(Path file, TrainingState state) throws IOException {
    AtomicFiles.write(file, bytes(state));
  }

  private static byte[] bytes(Object value) throws IOException {
    return (RunFiles.JSON.writeValueAsString(value) + "\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
