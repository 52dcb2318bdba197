package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFileReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep directory written by the previous release (checked in under {@code
 * src/test/resources/previous-release}, made by {@code sweep} at commit c8287f2 with the command in
 * its {@code README}) reads, reports, exports and resumes. Model s0000 finished there; s0001
 * trained both epochs but its result was removed, as if its worker stopped before writing it; s0002
 * never started.
 */
class PreviousReleaseTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path sweep;

  @BeforeEach
  void copyTheFixture() throws IOException, URISyntaxException {
    Path fixture =
        Path.of(PreviousReleaseTest.class.getResource("/previous-release/sweep").toURI());
    sweep = dir.resolve("sweep");
    try (Stream<Path> files = Files.walk(fixture)) {
      for (Path from : files.toList()) {
        Path to = sweep.resolve(fixture.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
  }

  @Test
  void itsStatusReadsAsItWasLeft() {
    CliRun status = CliRun.of("sweep", "status", sweep.toString());
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).startsWith(sweep + ": 3 models: done 1, failed 0, diverged 0");
  }

  @Test
  void itsResultsReadWithTodaysKeysAndValues() throws IOException {
    JsonNode stored = JSON.readTree(sweep.resolve("models/TinyOld_s0000/result.json").toFile());
    assertThat(stored.path("options").has("seed")).isTrue();
    assertThat(stored.path("config").path("sampled").path("depth").isTextual()).isTrue();
    ModelResult read = RunFileReader.result(sweep.resolve("models/TinyOld_s0000/result.json"));
    assertThat(read.options().path("trainSeed").isNumber()).isTrue();
    assertThat(read.options().has("seed")).isFalse();
    JsonNode depth = read.config().path("sampled").path("depth");
    assertThat(depth.isArray()).isTrue();
    assertThat(depth.path(0).asInt())
        .isEqualTo(stored.path("config").path("depths").path(0).asInt());
  }

  @Test
  void itReports() throws IOException {
    Path report = dir.resolve("report/report.html");
    CliRun run = CliRun.of("report", sweep.toString(), "--out", report.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String html = Files.readString(report);
    assertThat(html).contains("TinyOld").contains("TinyOld_s0000");
    // the training seed recorded as "seed" reads as the train seed
    assertThat(html).contains("train seed");
  }

  @Test
  void itsModelsExportFromTheSourcesTheySaved() throws IOException {
    Path run = sweep.resolve("models/TinyOld_s0000");
    assertThat(Files.readString(savedSource(run))).contains("dev.designspace.runtime.nn");
    CliRun export = CliRun.of("export", run.toString(), "--out", dir.resolve("saved").toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(dir.resolve("saved/saved_model.pb")).exists();
  }

  @Test
  void itResumesKeepingWhatWasDone() throws IOException {
    Path done = sweep.resolve("models/TinyOld_s0000/result.json");
    byte[] before = Files.readAllBytes(done);
    CliRun again = CliRun.of(command());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(Files.readAllBytes(done)).isEqualTo(before);
    for (String id : List.of("TinyOld_s0001", "TinyOld_s0002")) {
      JsonNode result = JSON.readTree(sweep.resolve("models/" + id + "/result.json").toFile());
      assertThat(result.path("status").asText()).as(id).isEqualTo("done");
      assertThat(result.path("options").path("trainSeed").asLong()).isZero();
      // written as JSON values now; s0000's, from before, as text ("[2]")
      assertThat(result.path("config").path("sampled").path("depth").path(0).isNumber()).isTrue();
    }
    CliRun status = CliRun.of("sweep", "status", sweep.toString());
    assertThat(status.out()).startsWith(sweep + ": 3 models: done 3, failed 0, diverged 0");
  }

  /** The command that made the fixture, with its output here. */
  private List<String> command() {
    return List.of(
        "sweep",
        sweep.resolve("spec.yaml").toString(),
        "-n",
        "3",
        "--workers",
        "1",
        "--epochs",
        "2",
        "--dataset",
        "synthetic:256",
        "--batch-size",
        "32",
        "--test-limit",
        "64",
        "--out",
        sweep.toString());
  }

  private static Path savedSource(Path run) throws IOException {
    JsonNode model = JSON.readTree(run.resolve("model.json").toFile());
    return run.resolve(model.path("source").asText());
  }
}
