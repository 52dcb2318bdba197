package dev.designspace.runtime.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps on tiny models and synthetic data, with worker processes. */
class SweepTest {
  @TempDir static Path dir;
  static Path spec;

  @BeforeAll
  static void writeSpec() throws IOException {
    spec = TinySpec.write(dir, "TinySpace");
  }

  static List<String> trainArgs(String... extra) {
    List<String> args = new ArrayList<>(TinySpec.trainArguments());
    args.addAll(List.of(extra));
    return args;
  }

  @Test
  void killedSweepResumesWithEveryModelExactlyOnce() throws Exception {
    Path out = dir.resolve("killed");
    SweepRequest request = new SweepRequest(spec, 4, 3, out, 1, 1, trainArgs(), false);
    // the sweep in its own process, stopped as soon as its first model has a result
    Process sweep =
        SweepProcess.start(spec, 4, 3, out, dir.resolve("killed-sweep.log"), trainArgs());
    SweepProcess.awaitResults(sweep, out, 1);
    assertThat(sweep.isAlive())
        .as("the sweep should still be running after its first model")
        .isTrue();
    sweep.destroy(); // SIGTERM: the sweep stops its worker
    sweep.onExit().get();
    int before = SweepProcess.countResults(out);
    assertThat(before).isBetween(1, 3);

    SweepResult result = LocalSweep.run(request, SweepListener.NONE);
    assertThat(result.results()).hasSize(4);
    Set<String> ids = new HashSet<>();
    for (ModelResult r : result.results()) {
      assertThat(ids.add(r.id())).isTrue();
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
    }
    JsonNode sweepJson = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
    assertThat(sweepJson.get("models")).hasSize(4);
    assertThat(sweepJson.get("done").asInt()).isEqualTo(4);
    assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(5);
    assertThat(out.resolve("spec.yaml")).exists();
    assertThat(out.resolve("manifest.json")).exists();
    // a rerun has nothing left to do
    SweepResult again = LocalSweep.run(request, SweepListener.NONE);
    assertThat(again.results()).hasSize(4);
  }

  @Test
  void divergedAndFailedModelsAreRecordedAndTheSweepCompletes() throws Exception {
    Path out = dir.resolve("diverged");
    SweepResult result =
        LocalSweep.run(
            new SweepRequest(
                spec, 2, 5, out, 2, 1, trainArgs("--lr", "1e6", "--warmup-epochs", "0"), false),
            SweepListener.NONE);
    assertThat(result.results()).hasSize(2);
    assertThat(result.diverged()).isEqualTo(2);
    assertThat(result.results()).allMatch(r -> r.status() == RunStatus.DIVERGED);

    Path failing = dir.resolve("failing");
    SweepResult failed =
        LocalSweep.run(
            new SweepRequest(spec, 1, 5, failing, 1, 1, trainArgs("--batch-size", "100000"), false),
            SweepListener.NONE);
    assertThat(failed.failed()).isEqualTo(1);
    assertThat(failed.results().get(0).message()).contains("worker exited with code 2");
  }
}
