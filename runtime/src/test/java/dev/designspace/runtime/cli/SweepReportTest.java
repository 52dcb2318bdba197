package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.designspace.runtime.sweep.TinySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local sweep writes its own report when its models are done; status writes it when every model
 * has finished and points to it.
 */
class SweepReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The result.json of the sweep's done model with the lowest error. */
  private static Path bestResult(Path sweep) throws IOException {
    Path best = null;
    double lowest = Double.POSITIVE_INFINITY;
    try (Stream<Path> runs = Files.list(sweep.resolve("models"))) {
      for (Path run : runs.sorted().toList()) { // in the sweep's order: the first of equals
        JsonNode r = JSON.readTree(run.resolve("result.json").toFile());
        if (r.get("status").asText().equals("done") && r.get("error").asDouble() < lowest) {
          lowest = r.get("error").asDouble();
          best = run.resolve("result.json");
        }
      }
    }
    assertThat(best).as("a done model").isNotNull();
    return best;
  }

  @Test
  void aFinishedSweepHoldsItsReportAndStatusPrintsItsPath(@TempDir Path dir) throws Exception {
    Path spec = TinySpec.write(dir, "TinyReportSpace");
    Path out = dir.resolve("sweep");
    CliRun sweep = CliRun.of(TinySpec.sweepCommand(spec, 3, out));
    assertThat(sweep.exitCode()).as(sweep.err()).isZero();
    Path report = out.resolve("report.html");
    assertThat(sweep.out()).contains("report: " + report.toAbsolutePath().normalize());
    assertThat(report).isRegularFile();
    assertThat(out.resolve("edf.svg")).isRegularFile();
    assertThat(out.resolve("error-vs-flops-tiny-report-space.svg")).isRegularFile();
    assertThat(Files.readString(report)).contains("TinyReportSpace  n=");

    // as for a Slurm sweep, whose tasks write no report: status writes it once all have finished;
    // a best model whose error is from an earlier epoch than its last says which
    Path best = bestResult(out);
    ObjectNode result = (ObjectNode) JSON.readTree(best.toFile());
    String id = result.get("id").asText();
    double error = result.get("error").asDouble();
    result.put("bestEpoch", 1).put("epochs", 2).put("finalError", error + 12.5);
    Files.writeString(best, JSON.writeValueAsString(result));
    String earlier = String.format(Locale.ROOT, "(epoch 1 of 2, last %.2f%%)", error + 12.5);
    Files.delete(report);
    Files.delete(out.resolve("edf.svg"));
    CliRun status = CliRun.of("sweep", "status", out.toString());
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("report: " + report)
        .contains(String.format(Locale.ROOT, "  best %s done %.2f%% %s", id, error, earlier));
    assertThat(report).isRegularFile();
    assertThat(Files.readString(report)).contains(earlier.substring(1, earlier.length() - 1));
    assertThat(out.resolve("edf.svg")).isRegularFile();
  }
}
