package dev.designspace.runtime.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.designspace.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report, each file atomically: the HTML, every figure as its own SVG beside it, {@code
 * models.csv}, {@code sweeps.json} and {@code edfs.json}.
 */
final class ReportFiles {
  static final String MODELS_CSV = "models.csv";
  static final String SWEEPS_JSON = "sweeps.json";
  static final String EDFS_JSON = "edfs.json";

  private ReportFiles() {}

  /** Writes everything; returns the figures' paths, in the report's order. */
  static List<Path> write(
      Path html, String page, List<Figure> figures, List<SweepData> sweeps, Object edfs)
      throws IOException {
    Path dir = html.toAbsolutePath().getParent();
    List<Path> written = new ArrayList<>();
    for (Figure f : figures) {
      Path file = dir.resolve(f.file());
      AtomicFiles.write(file, f.svg().getBytes(StandardCharsets.UTF_8));
      written.add(file);
    }
    AtomicFiles.write(
        dir.resolve(MODELS_CSV), ModelsCsv.of(sweeps).getBytes(StandardCharsets.UTF_8));
    Map<String, Object> json = new LinkedHashMap<>();
    for (SweepData s : sweeps) {
      json.put(s.label(), s.all());
    }
    AtomicFiles.write(
        dir.resolve(SWEEPS_JSON),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json));
    AtomicFiles.write(
        dir.resolve(EDFS_JSON),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(edfs));
    // the page last: once it is there, so is everything it names
    AtomicFiles.write(html, page.getBytes(StandardCharsets.UTF_8));
    return written;
  }
}
