package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.sweep.TinySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reruns: some models trained again with the next seed, beside the sweep, which they leave alone.
 */
class RerunsTest {
  @Test
  void rerunsAreRecordedBesideTheSweepWithoutTouchingIt(@TempDir Path dir) throws Exception {
    Path spec = TinySpec.write(dir, "TinyNoise");
    Path out = dir.resolve("sweep");
    List<String> args = new ArrayList<>(TinySpec.sweepCommand(spec, 3, out));
    CliRun first = CliRun.of(args);
    assertThat(first.exitCode()).as(first.err()).isZero();
    Map<Path, String> before = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(out.resolve("models"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("result.json")).toList()) {
        before.put(f, Files.readString(f));
      }
    }
    assertThat(before).hasSize(3);

    args.addAll(List.of("--reruns", "2"));
    CliRun again = CliRun.of(args);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err())
        .contains("reruns: 2 models again with the next training seed (2 to train)");
    for (Map.Entry<Path, String> e : before.entrySet()) {
      assertThat(Files.readString(e.getKey())).as(e.getKey().toString()).isEqualTo(e.getValue());
    }
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> reruns = Files.list(out.resolve("reruns/models"))) {
      List<Path> dirs = reruns.toList();
      assertThat(dirs).hasSize(2);
      for (Path rerun : dirs) {
        JsonNode r = json.readTree(rerun.resolve("result.json").toFile());
        assertThat(r.get("status").asText()).isEqualTo("done");
        assertThat(r.at("/options/trainSeed").asLong()).isEqualTo(1); // the sweep's was 0
        JsonNode original =
            json.readTree(
                out.resolve("models").resolve(rerun.getFileName()).resolve("result.json").toFile());
        assertThat(original.at("/options/trainSeed").asLong()).isZero();
      }
    }
    assertThat(Files.readString(out.resolve("report.html")))
        .contains("Training noise")
        .contains("training noise: 2 models trained again with another seed moved by a median of");
    // a third run trains nothing more
    CliRun third = CliRun.of(args);
    assertThat(third.err()).contains("(0 to train)");
  }
}
