package dev.designspace.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.designspace.generator.tool.AtomicFiles;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gathers a sweep directory's results into {@code sweep.json} and {@code sweep.csv} (for pandas).
 */
public final class SweepCollector {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SweepCollector() {}

  /**
   * Reads every models/ID/result.json; with {@code write}, also writes sweep.json and sweep.csv
   * atomically.
   */
  public static SweepResult collect(Path dir, boolean write) throws IOException {
    List<ModelResult> results = new ArrayList<>();
    Path models = dir.resolve(SweepDirectory.MODELS);
    if (Files.isDirectory(models)) {
      try (Stream<Path> entries = Files.list(models)) {
        for (Path m : entries.sorted().toList()) {
          RunFileReader.resultIn(m).ifPresent(results::add);
        }
      }
    }
    int done = 0;
    int failed = 0;
    int diverged = 0;
    double best = Double.NaN;
    for (ModelResult r : results) {
      switch (r.status()) {
        case DONE -> {
          done++;
          best = Double.isNaN(best) ? r.error() : Math.min(best, r.error());
        }
        case DIVERGED -> diverged++;
        case FAILED -> failed++;
      }
    }
    SweepResult sweep = new SweepResult(dir, results, done, failed, diverged, best);
    if (write) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("directory", dir.getFileName() == null ? "" : dir.getFileName().toString());
      json.put("done", done);
      json.put("failed", failed);
      json.put("diverged", diverged);
      json.put("models", results);
      AtomicFiles.write(dir.resolve("sweep.json"), JSON.writeValueAsBytes(json));
      AtomicFiles.write(dir.resolve("sweep.csv"), csvOf(results).getBytes(StandardCharsets.UTF_8));
    }
    return sweep;
  }

  /** The columns of {@link #csvOf}, comma-separated, without a line end. */
  public static final String CSV_HEADER =
      "id,status,error,finalError,epochs,flops,params,acts,trainSeconds,"
          + "imagesPerSecond,depths,widths,groupWidths,bottleneckRatios";

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
        r.status().jsonName(),
        number(r.error()),
        number(r.finalError()),
        r.epochs() == null ? "" : String.valueOf(r.epochs()),
        String.valueOf(r.flops()),
        String.valueOf(r.params()),
        String.valueOf(r.acts()),
        number(r.trainSeconds()),
        number(r.imagesPerSecond()),
        csvQuote(list(c.path("depths"))),
        csvQuote(list(c.path("widths"))),
        csvQuote(list(c.path("groupWidths"))),
        csvQuote(list(c.path("bottleneckRatios"))));
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
