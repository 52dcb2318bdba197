package dev.designspace.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.files.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep whose models carry inference times: the report fits and draws them. */
class RuntimeReportTest {
  @Test
  void inferenceTimesAreFittedAgainstFlopsAndActs(@TempDir Path root) throws Exception {
    Path sweep = root.resolve("timed");
    AtomicFiles.write(sweep.resolve("spec.yaml"), "name: Timed\n".getBytes(StandardCharsets.UTF_8));
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 6; i++) {
      long flops = 5_000_000L + 2_000_000L * i;
      long acts = 60_000L + 25_000L * ((i * 5) % 6);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", "Timed_s000" + i);
      r.put("status", "done");
      r.put("error", 20.0 + i);
      r.put("flops", flops);
      r.put("params", 100_000L);
      r.put("acts", acts);
      r.put("trainSeconds", 10.0);
      r.put("curve", List.of());
      r.put(
          "config",
          Map.of(
              "depths", List.of(1, 2),
              "widths", List.of(16, 32),
              "groupWidths", List.of(8, 8),
              "bottleneckRatios", List.of(1.0, 1.0)));
      r.put(
          "inference",
          Map.of("batch", 64, "millis", 1e-3 * Math.pow(acts, 0.8), "runs", 10, "warmup", 3));
      AtomicFiles.write(
          sweep.resolve("models").resolve("Timed_s000" + i).resolve("result.json"),
          json.writeValueAsBytes(r));
    }
    ReportBuilder.Report report = ReportBuilder.build(List.of(sweep), root.resolve("r.html"));
    assertThat(report.summary())
        .anyMatch(
            l ->
                l.startsWith("Timed: inference time (6 models) = ")
                    && l.contains("acts^0.80 (R^2 1.00)"));
    assertThat(root.resolve("runtime-vs-flops-timed.svg")).isRegularFile();
    String acts = Files.readString(root.resolve("runtime-vs-acts-timed.svg"));
    assertThat(acts).contains("<title>Timed_s0000: ").contains("ms per 64 images");
    assertThat(Files.readString(report.file())).contains("<h3>Inference time</h3>");
  }
}
