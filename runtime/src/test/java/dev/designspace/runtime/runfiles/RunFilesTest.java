package dev.designspace.runtime.runfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run files as earlier versions wrote them (test resources under {@code run-files/}) still read,
 * and the writer keeps every field's name.
 */
class RunFilesTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @TempDir Path dir;

  private static Path example(String name) throws URISyntaxException {
    return Path.of(RunFilesTest.class.getResource("/run-files/" + name).toURI());
  }

  @Test
  void aDoneResultReadsWithEveryField() throws Exception {
    ModelResult r = RunFileReader.result(example("done-result.json"));
    assertThat(r.id()).isEqualTo("Tiny-X");
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(r.error()).isEqualTo(89.0625);
    assertThat(r.finalError()).isEqualTo(89.0625);
    assertThat(r.bestEpoch()).isEqualTo(1);
    assertThat(r.epochs()).isEqualTo(1);
    assertThat(r.curve())
        .containsExactly(
            new EpochStats(
                1, 2.299781918525696, 87.5, 89.0625, 42.1875, 0.0073223304703363135, 2.858499889));
    assertThat(r.trainSeconds()).isEqualTo(2.639610477);
    assertThat(r.imagesPerSecond()).isEqualTo(96.98400662924782);
    assertThat(List.of(r.flops(), r.params(), r.acts())).containsExactly(928_586L, 7_162L, 45_482L);
    assertThat(r.config().path("widths").toString()).isEqualTo("[16,32]");
    assertThat(r.configValue("stemWidth")).isEqualTo(16);
    assertThat(r.configValue("w0")).isNaN();
    assertThat(r.dataset()).isEqualTo("fashion-mnist-subset");
    assertThat(r.recipe()).isEqualTo("proxy");
    assertThat(r.lossTrace()).isEqualTo(new LossTrace(2.2970876693725586, 2.30240535736084, 4));
    assertThat(r.options().path("batchSize").asInt()).isEqualTo(64);
    assertThat(r.scheduledEpochs(-1)).isEqualTo(1);
    assertThat(r.message()).isNull();
    assertThat(r.trained()).isTrue();
  }

  @Test
  void aFailedResultReadsWithItsMessageAndNoTraining() throws Exception {
    ModelResult r = RunFileReader.result(example("failed-result.json"));
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.error()).isEqualTo(100.0);
    assertThat(r.message()).isEqualTo("IllegalStateException: out of memory");
    assertThat(List.of(r.flops(), r.params(), r.acts())).containsExactly(928_586L, 7_162L, 45_482L);
    assertThat(r.config().path("depths").toString()).isEqualTo("[1,1]");
    assertThat(r.trained()).isFalse();
    assertThat(r.curve()).isNull();
    assertThat(r.finalError()).isNull();
    assertThat(r.recipe()).isNull();
    assertThat(r.scheduledEpochs(7)).isEqualTo(7);
  }

  @Test
  void aResultFromBeforeRecipesReadsAsThePapersRecipe() throws Exception {
    ModelResult r = RunFileReader.result(example("before-recipes-result.json"));
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(r.recipe()).isEqualTo("paper").isEqualTo(ModelResult.RECIPE_BEFORE_RECIPES);
    assertThat(r.lossTrace()).isNull();
    assertThat(r.error()).isEqualTo(89.0625);
    assertThat(r.curve()).hasSize(1);
  }

  @Test
  void aStateReadsWithEveryField() throws Exception {
    TrainingState s = RunFileReader.state(example("state.json"));
    assertThat(s.epochsDone()).isEqualTo(1);
    assertThat(s.checkpoint()).isEqualTo("checkpoints/epoch-001/model");
    assertThat(s.trainSeconds()).isEqualTo(2.639610477);
    assertThat(s.trainImages()).isEqualTo(256);
    assertThat(s.curve()).extracting(EpochStats::testError).containsExactly(89.0625);
    assertThat(s.lossTrace()).isEqualTo(new LossTrace(2.2970876693725586, 2.30240535736084, 4));
  }

  /**
   * Every field keeps its name and value: what is read and written again is the file it came from.
   */
  @Test
  void writingWhatWasReadGivesTheSameFile() throws Exception {
    for (String name : List.of("done-result.json", "failed-result.json")) {
      Path copy = dir.resolve(name);
      RunFileWriter.write(copy, RunFileReader.result(example(name)));
      assertThat(PLAIN.readTree(copy.toFile()))
          .as(name)
          .isEqualTo(PLAIN.readTree(example(name).toFile()));
    }
    Path state = dir.resolve("state.json");
    RunFileWriter.write(state, RunFileReader.state(example("state.json")));
    assertThat(PLAIN.readTree(state.toFile()))
        .isEqualTo(PLAIN.readTree(example("state.json").toFile()));
    assertThat(dir.resolve("state.json.tmp")).doesNotExist();
  }

  /** A failed result from before causes were recorded is the model's: a rerun keeps it. */
  @Test
  void aFailureWithoutACauseIsTheModels() throws Exception {
    Path old = dir.resolve("old.json");
    Files.writeString(
        old,
        "{\"id\": \"M\", \"status\": \"failed\", \"error\": 100.0, \"flops\": 1,"
            + " \"params\": 1, \"acts\": 1, \"message\": \"worker exited with code 137\"}");
    ModelResult r = RunFileReader.result(old);
    assertThat(r.cause()).isEqualTo(FailureCause.MODEL);
    assertThat(r.finalForResume()).isTrue();
    assertThatThrownBy(
            () ->
                new ModelResult(
                    "M",
                    RunStatus.DONE,
                    1,
                    1.0,
                    1,
                    1,
                    List.of(),
                    1.0,
                    1.0,
                    1,
                    1,
                    1,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    FailureCause.ENVIRONMENT,
                    null))
        .hasMessageContaining("only a failed result has a failure cause");
  }

  @Test
  void aFailureHasTheSameShapeFromEveryWriter() throws Exception {
    Path file = dir.resolve("result.json");
    RunFileWriter.write(
        file, ModelResult.failure("M_s0001", "worker exited with code 137", 10, 20, 30, null));
    JsonNode written = PLAIN.readTree(file.toFile());
    assertThat(written.fieldNames())
        .toIterable()
        .containsExactly("id", "status", "error", "flops", "params", "acts", "message", "cause");
    assertThat(written.get("cause").asText()).isEqualTo("model");
    assertThat(written.get("status").asText()).isEqualTo("failed");
    assertThat(written.get("error").asDouble()).isEqualTo(100.0);
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    ObjectNode tree = (ObjectNode) PLAIN.readTree(example("done-result.json").toFile());
    tree.put("writtenByANewerVersion", true);
    ((ObjectNode) tree.get("lossTrace")).put("median", 1.0);
    Path file = dir.resolve("result.json");
    Files.writeString(file, tree.toString());
    assertThat(RunFileReader.result(file).lossTrace().peakStep()).isEqualTo(4);
  }

  @Test
  void damagedFilesSayWhatIsWrong() throws Exception {
    ObjectNode state = (ObjectNode) PLAIN.readTree(example("state.json").toFile());
    state.remove("checkpoint");
    Path stateFile = dir.resolve("state.json");
    Files.writeString(stateFile, state.toString());
    assertThatThrownBy(() -> RunFileReader.state(stateFile))
        .isInstanceOf(RunFileException.class)
        .hasMessageContaining(stateFile + " lacks 'checkpoint'");

    ObjectNode result = (ObjectNode) PLAIN.readTree(example("done-result.json").toFile());
    result.put("status", "finished");
    Path resultFile = dir.resolve("result.json");
    Files.writeString(resultFile, result.toString());
    assertThatThrownBy(() -> RunFileReader.result(resultFile))
        .isInstanceOf(RunFileException.class)
        .hasMessageContaining(resultFile.toString())
        .hasMessageContaining("status must be done, diverged or failed");

    assertThatThrownBy(() -> ModelResult.failure("M", " ", 1, 1, 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a message");
    assertThat(RunFileReader.resultIn(dir.resolve("nothing-here"))).isEmpty();
  }
}
