package dev.designspace.runtime.sequential;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.designspace.files.AtomicFiles;
import dev.designspace.runtime.analysis.Question;
import dev.designspace.runtime.analysis.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code looks.json}: a sequential run's design and every look it made, written after each look, so
 * that a rerun continues with the levels already spent. A look's levels depend on the information
 * of the looks before it, so they are read back, never recomputed from a changed design.
 *
 * @param stopped why the run stopped ({@code decided}, {@code max-models}, {@code budget}); null
 *     while it runs
 */
record LookLog(Design design, List<LookRecord> looks, String stopped) {
  static final String FILE = "looks.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  LookLog {
    looks = List.copyOf(looks);
  }

  /** What a rerun must repeat to continue: the spaces, questions, schedule, margin and level. */
  record Design(
      List<String> spaces,
      List<Question> questions,
      List<Integer> pairs,
      int firstLook,
      int round,
      int maxModels,
      double margin,
      double alpha) {
    static Design of(SequentialRequest r) {
      List<Integer> pairs = new ArrayList<>();
      for (SequentialRequest.Comparison c : r.comparisons()) {
        pairs.add(c.a());
        pairs.add(c.b());
      }
      return new Design(
          r.names(),
          r.comparisons().stream().map(SequentialRequest.Comparison::question).toList(),
          pairs,
          r.firstLook(),
          r.round(),
          r.maxModels(),
          r.margin(),
          r.alphaPerComparison());
    }
  }

  /** One look: the models per space it asked for, and each open comparison's state at it. */
  record LookRecord(int models, List<ComparisonLook> comparisons) {}

  /**
   * A comparison at one look.
   *
   * @param index the comparison's place in the design
   * @param stopped whether this look ended the comparison
   */
  record ComparisonLook(
      int index, int na, int nb, double fraction, double level, Verdict verdict, boolean stopped) {}

  static Optional<LookLog> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), LookLog.class));
    } catch (JacksonException e) {
      throw new SequentialException(
          file + " is not a sequential run's record (" + e.getOriginalMessage() + ")");
    }
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve(FILE), JSON.writeValueAsBytes(this));
  }

  LookLog with(LookRecord look) {
    List<LookRecord> all = new ArrayList<>(looks);
    all.add(look);
    return new LookLog(design, all, stopped);
  }

  LookLog stoppedBecause(String reason) {
    return new LookLog(design, looks, reason);
  }
}
