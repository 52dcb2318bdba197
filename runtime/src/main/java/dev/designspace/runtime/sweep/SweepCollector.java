package dev.designspace.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.designspace.files.AtomicFiles;
import dev.designspace.generator.space.Parameter;
import dev.designspace.runtime.runfiles.ModelResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gathers a sweep directory's results into {@code sweep.json} and {@code sweep.csv} (for pandas).
 */
public final class SweepCollector {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SweepCollector() {}

  /**
   * Reads the sweep ({@link SweepContents}); with {@code write}, also writes sweep.json and
   * sweep.csv atomically.
   */
  public static SweepResult collect(Path dir, boolean write) throws IOException {
    SweepResult sweep = new SweepResult(SweepContents.read(dir));
    List<ModelResult> results = sweep.results();
    if (write) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("directory", dir.getFileName() == null ? "" : dir.getFileName().toString());
      json.put("done", sweep.done());
      json.put("failed", sweep.failed());
      json.put("diverged", sweep.diverged());
      json.put("models", results);
      AtomicFiles.write(dir.resolve("sweep.json"), JSON.writeValueAsBytes(json));
      AtomicFiles.write(dir.resolve("sweep.csv"), csvOf(results).getBytes(StandardCharsets.UTF_8));
    }
    return sweep;
  }

  /** The per-stage values the last columns hold, in column order. */
  private static final List<Parameter> STAGE_COLUMNS =
      List.of(Parameter.DEPTH, Parameter.WIDTH, Parameter.GROUP_WIDTH, Parameter.BOTTLENECK_RATIO);

  /** The columns of {@link #csvOf}, comma-separated, without a line end. */
  public static final String CSV_HEADER =
      "id,status,error,finalError,epochs,flops,params,acts,trainSeconds,imagesPerSecond,"
          + STAGE_COLUMNS.stream()
              .map(p -> p.stageListName().orElseThrow())
              .collect(Collectors.joining(","));

  public static String csvOf(List<ModelResult> results) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    for (ModelResult r : results) {
      sb.append(csvRow(r)).append('\n');
    }
    return sb.toString();
  }

  /** One result as a line of {@link #csvOf} (no line end); lists are space-separated. */
  public static String csvRow(ModelResult r) {
    JsonNode c = r.config() == null ? MissingNode.getInstance() : r.config();
    return String.join(
        ",",
        csvQuote(r.id()),
        r.status().externalName(),
        number(r.error()),
        number(r.finalError()),
        r.epochs() == null ? "" : String.valueOf(r.epochs()),
        String.valueOf(r.flops()),
        String.valueOf(r.params()),
        String.valueOf(r.acts()),
        number(r.trainSeconds()),
        number(r.imagesPerSecond()),
        stageColumns(c));
  }

  private static String stageColumns(JsonNode config) {
    return STAGE_COLUMNS.stream()
        .map(p -> csvQuote(list(config.path(p.stageListName().orElseThrow()))))
        .collect(Collectors.joining(","));
  }

  private static String number(Double n) {
    return n == null ? "" : String.format(Locale.ROOT, "%s", n);
  }

  private static String list(JsonNode n) {
    return n.isArray() ? n.toString().replace("[", "").replace("]", "").replace(",", " ") : "";
  }

  /** A CSV field in double quotes, quotes inside doubled. */
  public static String csvQuote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
