package dev.designspace.runtime.runfiles;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The run files' names, and the one JSON mapping their reader and writer share. */
public final class RunFiles {
  /** How a run ended: {@link ModelResult}. */
  public static final String RESULT = "result.json";

  /** What a resumed run continues from: {@link TrainingState}. */
  public static final String STATE = "state.json";

  /**
   * Indented as before; fields this version does not know are ignored so that newer files still
   * read.
   */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RunFiles() {}
}
