package dev.designspace.runtime.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sweep directories of done models with given errors, written without training, for reports. */
final class FakeSweep {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeSweep() {}

  /**
   * Writes {@code dir}: a spec naming {@code space} (with {@code description} when not null) and
   * one done result per error, model i at 5 MF + 0.1 MF i, trained with {@code options}.
   */
  static Path write(
      Path dir, String space, String description, Map<String, Object> options, double... errors)
      throws IOException {
    String spec =
        "name: "
            + space
            + "\n"
            + (description == null
                ? ""
                : "description: '" + description.replace("'", "''") + "'\n");
    AtomicFiles.write(dir.resolve("spec.yaml"), spec.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < errors.length; i++) {
      String id = String.format("%s_s%04d", space, i);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", id);
      r.put("status", "done");
      r.put("error", errors[i]);
      r.put("flops", 5_000_000L + 100_000L * i);
      r.put("params", 100_000L + 5_000L * i);
      r.put("acts", 50_000L + 2_000L * i);
      r.put("trainSeconds", 10.0 + i);
      r.put("dataset", "synthetic");
      if (options.containsKey("recipe")) {
        r.put("recipe", options.get("recipe"));
      }
      r.put("curve", List.of());
      if (!options.isEmpty()) {
        r.put("options", options);
      }
      r.put(
          "config",
          Map.of(
              "depths", List.of(1, 2, 2),
              "widths", List.of(16, 32, 64),
              "groupWidths", List.of(8, 8, 8),
              "bottleneckRatios", List.of(1.0, 1.0, 1.0)));
      AtomicFiles.write(
          dir.resolve("models").resolve(id).resolve("result.json"), JSON.writeValueAsBytes(r));
    }
    return dir;
  }
}
