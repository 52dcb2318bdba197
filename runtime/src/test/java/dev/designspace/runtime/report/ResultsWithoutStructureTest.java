package dev.designspace.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.files.AtomicFiles;
import dev.designspace.runtime.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results that do not record the model's structure (no {@code config}) still report. */
class ResultsWithoutStructureTest {
  @Test
  void aSweepWhoseResultsHaveNoConfigReports(@TempDir Path dir) throws Exception {
    Path sweep = dir.resolve("bare");
    AtomicFiles.write(sweep.resolve("spec.yaml"), "name: Bare\n".getBytes(StandardCharsets.UTF_8));
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 6; i++) {
      String id = String.format("Bare_s%04d", i);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", id);
      r.put("status", "done");
      r.put("error", 20.0 + i);
      r.put("flops", 5_000_000L + 100_000L * i);
      r.put("params", 100_000L);
      r.put("acts", 50_000L);
      r.put("curve", List.of());
      AtomicFiles.write(
          sweep.resolve("models").resolve(id).resolve("result.json"), json.writeValueAsBytes(r));
    }
    CliRun report = CliRun.of("report", sweep.toString());
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(Files.readString(sweep.resolve("report.html"))).contains("Bare_s0000");
  }
}
