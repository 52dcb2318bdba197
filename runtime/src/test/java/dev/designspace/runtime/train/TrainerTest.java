package dev.designspace.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.designspace.layers.Network;
import dev.designspace.runtime.analysis.LossBlowUp;
import dev.designspace.runtime.compile.SpecModels;
import dev.designspace.runtime.data.Batches;
import dev.designspace.runtime.data.Dataset;
import dev.designspace.runtime.data.Datasets;
import dev.designspace.runtime.export.ExportRequest;
import dev.designspace.runtime.export.SavedModelExport;
import dev.designspace.runtime.export.SavedModelPredictor;
import dev.designspace.runtime.runfiles.RunDirectory;
import dev.designspace.runtime.runfiles.RunFiles;
import dev.designspace.runtime.runfiles.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Training, exact resume, divergence and the SavedModel round trip, on a tiny model and small data.
 */
class TrainerTest {
  private static final Path SPECS =
      Path.of(System.getProperty("designspace.root", "..")).resolve("specs");
  static SpecModels.Loaded loaded;
  static Network tiny;
  static Dataset data;
  static final TrainOptions OPTIONS =
      TrainOptions.DEFAULTS
          .withEpochs(2)
          .withBatchSize(64)
          .withThreads(1)
          .withLimits(1024, 512)
          .withTrainSeed(7);

  @BeforeAll
  static void load() {
    loaded =
        SpecModels.load(SPECS.resolve("fmnist-models.yaml"), 1, 0).loaded("Tiny-X").orElseThrow();
    tiny = loaded.network();
    data = Datasets.load("fashion-mnist-subset", 28, 1, 10, line -> {});
  }

  private static TrainResult train(
      Path dir, TrainOptions options, boolean resume, ProgressListener listener) {
    return Trainer.train(
        new TrainRequest(tiny, data, options, new RunDirectory(dir), resume, listener));
  }

  @Test
  void trainsAndWritesTheRunDirectory(@TempDir Path dir) throws IOException {
    TrainResult r = train(dir, OPTIONS.withLimits(4096, 512), false, ProgressListener.NONE);
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(r.curve()).hasSize(2);
    assertThat(r.error()).isLessThan(50.0); // chance is 90%
    assertThat(r.curve().get(1).trainLoss()).isLessThan(r.curve().get(0).trainLoss());
    assertThat(r.error())
        .isEqualTo(Math.min(r.curve().get(0).testError(), r.curve().get(1).testError()));
    JsonNode result = new RunDirectory(dir).read(RunFiles.RESULT).orElseThrow();
    for (String key :
        new String[] {
          "id",
          "status",
          "error",
          "finalError",
          "epochs",
          "curve",
          "trainSeconds",
          "imagesPerSecond",
          "flops",
          "params",
          "acts",
          "config",
          "recipe",
          "lossTrace"
        }) {
      assertThat(result.has(key)).as(key).isTrue();
    }
    assertThat(result.get("status").asText()).isEqualTo("done");
    assertThat(result.get("recipe").asText()).isEqualTo("proxy");
    assertThat(result.get("options").get("recipe").asText()).isEqualTo("proxy");
    // the first step of a fresh 10-class model sits near ln 10; a healthy run never climbs far
    // above it
    assertThat(result.get("lossTrace").get("start").asDouble())
        .isCloseTo(Math.log(10), within(0.3));
    assertThat(result.get("lossTrace").get("peak").asDouble())
        .isGreaterThanOrEqualTo(result.get("lossTrace").get("start").asDouble())
        .isLessThan(2 * result.get("lossTrace").get("start").asDouble());
    assertThat(result.get("curve").get(1).get("lr").asDouble())
        .isLessThan(result.get("curve").get(0).get("lr").asDouble());
    assertThat(result.get("params").asLong()).isEqualTo(tiny.info().params());
    assertThat(Files.readString(dir.resolve(RunDirectory.LOG)))
        .contains("epoch 2/2")
        .contains("inference: ")
        .contains("done: best test error");
    // the trained model's forward pass, timed: 64 images, median of 10 after 3 warm-up passes
    JsonNode inference = result.get("inference");
    assertThat(inference.get("batch").asInt()).isEqualTo(64);
    assertThat(inference.get("runs").asInt()).isEqualTo(10);
    assertThat(inference.get("warmup").asInt()).isEqualTo(3);
    assertThat(inference.get("millis").asDouble()).isPositive();
    // the newest (what a resume needs) and the best epoch's (what the result reports)
    try (Stream<Path> checkpoints = Files.list(dir.resolve(RunDirectory.CHECKPOINTS))) {
      assertThat(checkpoints.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(
              new java.util.TreeSet<>(
                  List.of("epoch-002", String.format("epoch-%03d", r.bestEpoch()))));
    }
  }

  /**
   * Two measurements of one model's forward pass agree within a factor of 3: each is the median of
   * 10 passes after warm-up, which a busy 2-core machine moves by tens of percent (more for this
   * tiny model's millisecond), while the models a report fits differ by factors of 10.
   */
  @Test
  void theInferenceTimeIsRepeatable() {
    try (TrainingGraph g = new TrainingGraph(tiny, data.mean(), data.std(), OPTIONS);
        Session s = new Session(g.graph, Trainer.sessionConfig(OPTIONS))) {
      var first = InferenceTimer.measure(s, g, data.test());
      var second = InferenceTimer.measure(s, g, data.test());
      assertThat(first.millis()).isPositive();
      assertThat(second.millis() / first.millis()).isBetween(1 / 3.0, 3.0);
      assertThat(first.millisPerImage()).isEqualTo(first.millis() / 64);
    }
  }

  /** A run stopped after epoch 1 of 2 and resumed ends with the same weights and errors. */
  @Test
  void resumedRunEqualsUninterruptedRun(@TempDir Path dir) throws IOException {
    Path whole = dir.resolve("whole");
    Path interrupted = dir.resolve("interrupted");
    TrainResult expected = train(whole, OPTIONS, false, ProgressListener.NONE);
    ProgressListener killer =
        new ProgressListener() {
          @Override
          public void step(
              int epoch, int step, int stepsPerEpoch, double loss, double imagesPerSecond) {
            if (epoch == 2) {
              throw new IllegalStateException("killed");
            }
          }
        };
    assertThatThrownBy(() -> train(interrupted, OPTIONS, false, killer)).hasMessage("killed");
    assertThat(
            new RunDirectory(interrupted)
                .read(RunFiles.STATE)
                .orElseThrow()
                .get("epochsDone")
                .asInt())
        .isEqualTo(1);
    TrainResult resumed = train(interrupted, OPTIONS, true, ProgressListener.NONE);
    assertThat(resumed.curve()).hasSize(2);
    assertThat(resumed.curve().get(1).testError()).isEqualTo(expected.curve().get(1).testError());
    assertThat(resumed.curve().get(1).trainLoss()).isEqualTo(expected.curve().get(1).trainLoss());
    assertThat(resumed.error()).isEqualTo(expected.error());
    byte[] a = Files.readAllBytes(whole.resolve("checkpoints/epoch-002/model.data-00000-of-00001"));
    byte[] b =
        Files.readAllBytes(interrupted.resolve("checkpoints/epoch-002/model.data-00000-of-00001"));
    assertThat(b).as("final weights, BN statistics and momentum").isEqualTo(a);
  }

  /**
   * Batches prepared on their own thread are the batches prepared in turn: the same curve and the
   * same final weights, byte for byte. The thread ends with the run, however the run ends.
   */
  @Test
  void prefetchChangesNothingAndEndsWithTheRun(@TempDir Path dir) throws IOException {
    TrainOptions oneEpoch = OPTIONS.withEpochs(1);
    TrainResult inTurn =
        Trainer.train(
            new TrainRequest(
                    tiny,
                    data,
                    oneEpoch,
                    new RunDirectory(dir.resolve("in-turn")),
                    false,
                    ProgressListener.NONE)
                .withPrefetch(false));
    TrainResult prefetched =
        train(dir.resolve("prefetched"), oneEpoch, false, ProgressListener.NONE);
    assertThat(prefetched.curve().get(0).trainLoss()).isEqualTo(inTurn.curve().get(0).trainLoss());
    assertThat(prefetched.curve().get(0).trainError())
        .isEqualTo(inTurn.curve().get(0).trainError());
    assertThat(prefetched.curve().get(0).testError()).isEqualTo(inTurn.curve().get(0).testError());
    assertThat(
            Files.readAllBytes(
                dir.resolve("prefetched/checkpoints/epoch-001/model.data-00000-of-00001")))
        .isEqualTo(
            Files.readAllBytes(
                dir.resolve("in-turn/checkpoints/epoch-001/model.data-00000-of-00001")));
    assertThat(PrefetcherTest.prefetchThreads(EpochBatches.PREFETCH_THREAD)).isEmpty();
    assertThat(Files.readString(dir.resolve("prefetched").resolve(RunDirectory.LOG)))
        .containsPattern("per step \\(median\\) input wait \\d+\\.\\d\\d ms, run \\d+\\.\\d ms");

    ProgressListener stopper =
        new ProgressListener() {
          @Override
          public void step(
              int epoch, int step, int stepsPerEpoch, double loss, double imagesPerSecond) {
            throw new IllegalStateException("stopped at step " + step);
          }
        };
    assertThatThrownBy(() -> train(dir.resolve("stopped"), oneEpoch, false, stopper))
        .hasMessage("stopped at step 10");
    assertThat(PrefetcherTest.prefetchThreads(EpochBatches.PREFETCH_THREAD)).isEmpty();

    TrainResult diverged =
        train(
            dir.resolve("diverged"),
            oneEpoch.withBaseLr(1e6).withWarmup(0, 1),
            false,
            ProgressListener.NONE);
    assertThat(diverged.status()).isEqualTo(RunStatus.DIVERGED);
    assertThat(PrefetcherTest.prefetchThreads(EpochBatches.PREFETCH_THREAD)).isEmpty();
  }

  /**
   * What --resume compares, read back from model.json: same options resume (numbers by value),
   * others do not.
   */
  @Test
  void aRunResumesWithTheOptionsItStartedWith(@TempDir Path dir) {
    RunDirectory run = new RunDirectory(dir);
    TrainOptions started = OPTIONS.withTrainSeed(0);
    run.writeModel(
        loaded.className(), loaded.source(), tiny.info(), data.origin(), started.toJson());
    assertThat(
            run.differencesFrom(loaded.className(), tiny.info(), data.origin(), started.toJson()))
        .isEmpty();
    // where it runs is not what it trains
    assertThat(
            run.differencesFrom(
                loaded.className(),
                tiny.info(),
                data.origin(),
                started.withThreads(3).withDevice("gpu:0").withGrappler(Grappler.ON).toJson()))
        .isEmpty();
    assertThat(
            run.differencesFrom(
                loaded.className(),
                tiny.info(),
                data.origin(),
                started.withEpochs(3).withTrainSeed(7).toJson()))
        .containsExactly("epochs was 2, now 3", "trainSeed was 0, now 7");
    assertThat(run.differencesFrom("other.Model", tiny.info(), data.origin(), started.toJson()))
        .containsExactly("model " + loaded.className() + " was trained, not other.Model");
    assertThat(
            run.differencesFrom(
                loaded.className(),
                tiny.info(),
                data.origin(),
                started.withRecipe(Recipe.PAPER).toJson()))
        .containsExactly("recipe was \"proxy\", now \"paper\"");
  }

  /**
   * A run started before recipes existed was trained with the paper's recipe, and resumes with it.
   */
  @Test
  void aRunWithoutARecipeResumesAsThePapers(@TempDir Path dir) throws IOException {
    RunDirectory run = new RunDirectory(dir);
    TrainOptions started = OPTIONS.withRecipe(Recipe.PAPER);
    run.writeModel(
        loaded.className(), loaded.source(), tiny.info(), data.origin(), started.toJson());
    ObjectNode model = (ObjectNode) run.read(RunDirectory.MODEL).orElseThrow();
    ((ObjectNode) model.get("options")).remove("recipe");
    Files.write(dir.resolve(RunDirectory.MODEL), RunDirectory.JSON.writeValueAsBytes(model));
    assertThat(
            run.differencesFrom(loaded.className(), tiny.info(), data.origin(), started.toJson()))
        .isEmpty();
    assertThat(
            run.differencesFrom(loaded.className(), tiny.info(), data.origin(), OPTIONS.toJson()))
        .containsExactly("recipe was \"paper\", now \"proxy\"");
  }

  @Test
  void hugeLearningRateDivergesAndIsRecorded(@TempDir Path dir) {
    TrainResult r =
        train(dir, OPTIONS.withBaseLr(1e6).withWarmup(0, 1), false, ProgressListener.NONE);
    assertThat(r.status()).isEqualTo(RunStatus.DIVERGED);
    assertThat(r.message()).contains("loss became");
    JsonNode result = new RunDirectory(dir).read(RunFiles.RESULT).orElseThrow();
    assertThat(result.get("status").asText()).isEqualTo("diverged");
    assertThat(result.get("error").asDouble()).isEqualTo(100.0);
  }

  /** predict on the SavedModel gives the trainer's own evaluation: same logits, same accuracy. */
  @Test
  void savedModelRoundTrip(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    TrainOptions oneEpoch = OPTIONS.withEpochs(1);
    TrainResult r = train(run, oneEpoch, false, ProgressListener.NONE);
    new RunDirectory(run)
        .writeModel(
            loaded.className(), loaded.source(), tiny.info(), data.origin(), oneEpoch.toJson());
    Path exported = SavedModelExport.export(ExportRequest.of(run, dir.resolve("saved"))).out();
    assertThat(exported.resolve("saved_model.pb")).exists();

    Dataset test = data.limit(1024, 512);
    float[][] own;
    try (TrainingGraph g = new TrainingGraph(tiny, data.mean(), data.std(), oneEpoch);
        Session s = new Session(g.graph, Trainer.sessionConfig(oneEpoch))) {
      s.restore(run.resolve("checkpoints/epoch-001/model").toString());
      own = Evaluation.logits(s, g, test.test(), 100);
    }
    try (SavedModelPredictor predictor = SavedModelPredictor.load(exported)) {
      float[][] served = predictor.logits(test.test(), 512, 128);
      int wrong = 0;
      for (int i = 0; i < own.length; i++) {
        for (int k = 0; k < own[i].length; k++) {
          assertThat(served[i][k]).isCloseTo(own[i][k], within(1e-5f));
        }
        wrong += Trainer.rank(served[i], test.test().labels()[i]) > 0 ? 1 : 0;
      }
      assertThat(100.0 * wrong / own.length).isEqualTo(r.finalError());
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(exported.toString(), "serve")) {
      for (Iterator<GraphOperation> it = bundle.graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        assertThat(op.name())
            .doesNotContain("momentum")
            .doesNotContain("optimizer")
            .doesNotStartWith("eval/");
        if (op.type().equals("Const")) {
          assertThat(op.output(0).shape().size())
              .as(op.name())
              .isLessThan(10_000); // no dataset inside
        }
      }
    }
  }

  /**
   * The proxy recipe is the default: the paper's, clipped, with a warmup of at least half an epoch.
   */
  /**
   * Every momentum update waits for every gradient through one barrier op, not an edge from each
   * gradient to each update.
   */
  @Test
  void updatesWaitForTheGradientsThroughOneBarrier() {
    try (TrainingGraph g = new TrainingGraph(tiny, data.mean(), data.std(), OPTIONS)) {
      GraphOperation barrier = (GraphOperation) g.graph.operation("optimizer/gradients_ready");
      assertThat(barrier).isNotNull();
      assertThat(barrier.numControlInputs()).isEqualTo(g.gradients.size());
      List<GraphOperation> updates = new ArrayList<>();
      g.graph
          .operations()
          .forEachRemaining(
              op -> {
                if (op.type().equals("ApplyMomentum")) {
                  updates.add((GraphOperation) op);
                }
              });
      assertThat(updates).hasSize(g.trainableNames.size());
      assertThat(updates).allMatch(op -> op.controlInputs().equals(Set.of(barrier)));
    }
  }

  /** Grappler is off for CPU sessions unless asked for, and left to TensorFlow on a GPU. */
  @Test
  void grapplerRunsOnlyWhereItHelpsUnlessTold() {
    assertThat(TrainOptions.DEFAULTS.grappler()).isEqualTo(Grappler.AUTO);
    assertThat(grapplerOff(OPTIONS)).isTrue();
    assertThat(grapplerOff(OPTIONS.withDevice("gpu:0"))).isFalse();
    assertThat(grapplerOff(OPTIONS.withGrappler(Grappler.ON))).isFalse();
    assertThat(grapplerOff(OPTIONS.withDevice("gpu:0").withGrappler(Grappler.OFF))).isTrue();
    assertThat(Grappler.parse("on")).isEqualTo(Grappler.ON);
    assertThatThrownBy(() -> Grappler.parse("fast"))
        .hasMessage("grappler must be auto, on or off, got 'fast'");
  }

  private static boolean grapplerOff(TrainOptions options) {
    return Trainer.sessionConfig(options)
        .getGraphOptions()
        .getRewriteOptions()
        .getDisableMetaOptimizer();
  }

  @Test
  void recipeDefaults() {
    assertThat(TrainOptions.DEFAULTS.recipe()).isEqualTo(Recipe.PROXY);
    assertThat(TrainOptions.DEFAULTS.baseLr()).isEqualTo(0.1);
    assertThat(Recipe.PROXY.gradientClipNorm()).isEqualTo(5.0);
    assertThat(Recipe.PAPER.gradientClipNorm()).isZero();
    assertThat(Recipe.PAPER.defaultWarmupEpochs(2)).isCloseTo(0.1, within(1e-12));
    assertThat(Recipe.PROXY.defaultWarmupEpochs(2)).isEqualTo(0.5);
    assertThat(Recipe.PROXY.defaultWarmupEpochs(1)).isEqualTo(0.5);
    // from 10 epochs on the two warmups agree: 5% of the epochs
    assertThat(Recipe.PROXY.defaultWarmupEpochs(10))
        .isEqualTo(Recipe.PAPER.defaultWarmupEpochs(10));
    assertThat(Recipe.PROXY.defaultWarmupEpochs(100)).isCloseTo(5, within(1e-12));
    // 2 epochs of 78 steps: the proxy warms up over 39 steps, the paper over 8
    assertThat(LearningRateSchedule.of(TrainOptions.DEFAULTS.withEpochs(2), 78).warmupSteps())
        .isEqualTo(39);
    assertThat(
            LearningRateSchedule.of(
                    TrainOptions.DEFAULTS.withEpochs(2).withRecipe(Recipe.PAPER), 78)
                .warmupSteps())
        .isEqualTo(8);
    assertThat(TrainOptions.DEFAULTS.withEpochs(2).withWarmup(0.25, 0.1).effectiveWarmupEpochs())
        .isEqualTo(0.25);
    assertThat(Recipe.parse("paper")).isEqualTo(Recipe.PAPER);
    assertThatThrownBy(() -> Recipe.parse("fast"))
        .hasMessage("recipe must be proxy or paper, got 'fast'");
  }

  /**
   * Clipping by global norm on gradients worked out by hand: [3, 4] and [12] have global norm 13,
   * so with a limit of 5 each is scaled by 5/13; under the limit nothing changes. The proxy
   * recipe's training graph clips, the paper's does not.
   */
  @Test
  void gradientsAreClippedByTheirGlobalNorm() {
    try (Graph graph = new Graph();
        Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      List<Operand<TFloat32>> grads =
          List.of(tf.constant(new float[] {3, 4}), tf.constant(new float[] {12}));
      List<float[]> clipped = fetch(session, TrainingGraph.clippedByGlobalNorm(tf, grads, 5f));
      assertThat(clipped.get(0)).containsExactly(new float[] {15f / 13, 20f / 13}, within(1e-6f));
      assertThat(clipped.get(1)).containsExactly(new float[] {60f / 13}, within(1e-6f));
      List<float[]> kept =
          fetch(session, TrainingGraph.clippedByGlobalNorm(tf.withSubScope("big"), grads, 20f));
      assertThat(kept.get(0)).containsExactly(3f, 4f);
      assertThat(kept.get(1)).containsExactly(12f);
    }
    for (Recipe recipe : Recipe.values()) {
      try (TrainingGraph g =
          new TrainingGraph(tiny, data.mean(), data.std(), OPTIONS.withRecipe(recipe))) {
        assertThat(g.graph.operation("optimizer/clip/factor") != null)
            .as(recipe.name())
            .isEqualTo(recipe == Recipe.PROXY);
      }
    }
  }

  private static List<float[]> fetch(Session session, List<? extends Operand<TFloat32>> operands) {
    Session.Runner runner = session.runner();
    operands.forEach(runner::fetch);
    try (Result r = runner.run()) {
      List<float[]> out = new ArrayList<>();
      for (int i = 0; i < operands.size(); i++) {
        TFloat32 t = (TFloat32) r.get(i);
        float[] values = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(values, false, false));
        out.add(values);
      }
      return out;
    }
  }

  /**
   * A forced blow-up: the paper's recipe at 200 times its learning rate without warmup sends the
   * loss to several times its start within the first steps, short of the divergence limit, and the
   * model ends near chance; the trace records it.
   */
  @Test
  void lossTraceRecordsABlowUp(@TempDir Path dir) {
    TrainResult r =
        train(
            dir,
            OPTIONS.withEpochs(1).withRecipe(Recipe.PAPER).withBaseLr(20).withWarmup(0, 1),
            false,
            ProgressListener.NONE);
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    JsonNode trace = new RunDirectory(dir).read(RunFiles.RESULT).orElseThrow().get("lossTrace");
    assertThat(trace.get("peak").asDouble()).isGreaterThan(2 * trace.get("start").asDouble());
    assertThat(trace.get("peakStep").asLong()).isBetween(2L, 16L);
    assertThat(r.error()).isGreaterThan(80.0); // chance is 90%
    assertThat(LossBlowUp.blewUp(trace.get("start").asDouble(), trace.get("peak").asDouble()))
        .isTrue();
  }

  @Test
  void nonFiniteLogitsAreMissesNotHits() {
    assertThat(Trainer.rank(new float[] {0.1f, 2f, 0.3f}, 1)).isZero();
    assertThat(Trainer.rank(new float[] {0.1f, 2f, 0.3f}, 0)).isEqualTo(2);
    assertThat(Trainer.rank(new float[] {Float.NaN, Float.NaN, Float.NaN}, 1)).isEqualTo(3);
    assertThat(Trainer.rank(new float[] {0f, Float.POSITIVE_INFINITY, 0f}, 1)).isEqualTo(3);
  }

  @Test
  void augmentationNames() {
    assertThat(Batches.Augmentation.parse("crop-flip")).isEqualTo(Batches.Augmentation.CROP_FLIP);
    assertThat(Batches.Augmentation.CROP_FLIP.externalName()).isEqualTo("crop-flip");
    assertThatThrownBy(() -> Batches.Augmentation.parse("mixup"))
        .hasMessageContaining("none, flip or crop-flip");
  }
}
