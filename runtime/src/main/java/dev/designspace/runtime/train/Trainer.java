package dev.designspace.runtime.train;

import dev.designspace.files.FileTrees;
import dev.designspace.model.ModelInfo;
import dev.designspace.model.ModelInfoJson;
import dev.designspace.runtime.data.Batches;
import dev.designspace.runtime.data.Dataset;
import dev.designspace.runtime.data.ImageSet;
import dev.designspace.runtime.runfiles.EpochStats;
import dev.designspace.runtime.runfiles.InferenceTime;
import dev.designspace.runtime.runfiles.LossTrace;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunDirectory;
import dev.designspace.runtime.runfiles.RunFiles;
import dev.designspace.runtime.runfiles.RunStatus;
import dev.designspace.runtime.runfiles.TrainingSetupException;
import dev.designspace.runtime.runfiles.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * Trains one model: per step it feeds a batch and the scheduled learning rate ({@link EpochLoop}),
 * per epoch it evaluates the test set in inference mode, saves a checkpoint and {@code state.json},
 * and at the end writes {@code result.json}. The batches are prepared on a thread of their own,
 * ahead of the steps ({@link EpochBatches#open}), and are the same as when prepared in turn. A
 * resumed run continues from the last checkpoint with the same batches and learning rates, so it
 * ends with the same weights as an uninterrupted one.
 */
public final class Trainer {
  /** The environment variable that turns TensorFlow's oneDNN kernels on or off. */
  private static final String ONEDNN_VARIABLE = "TF_ENABLE_ONEDNN_OPTS";

  private final TrainRequest request;
  private final TrainOptions options;
  private final Dataset data;
  private final ModelInfo info;
  private final RunDirectory run;
  private final TrainingGraph graph;
  private final Session session;
  private final int steps;

  private Trainer(
      TrainRequest request, Dataset data, TrainingGraph graph, Session session, int steps) {
    this.request = request;
    this.options = request.options();
    this.data = data;
    this.info = request.network().info();
    this.run = request.runDirectory();
    this.graph = graph;
    this.session = session;
    this.steps = steps;
  }

  public static TrainResult train(TrainRequest request) {
    TrainOptions options = request.options();
    Dataset data = limited(request.dataset(), options);
    int steps = stepsPerEpoch(data.train(), options.batchSize());
    try (TrainingGraph g = new TrainingGraph(request.network(), data.mean(), data.std(), options);
        Session session = new Session(g.graph, sessionConfig(options))) {
      return new Trainer(request, data, g, session, steps).epochs();
    } catch (TFInvalidArgumentException e) {
      if (groupedGradientUnsupported(e.getMessage())) {
        throw new TrainingSetupException(withoutOneDnn());
      }
      throw e;
    }
  }

  /**
   * Whether TensorFlow's message says its CPU kernels cannot back-propagate a grouped convolution:
   * the input gradient says so, the filter gradient finds the filter smaller than a dense one.
   */
  private static boolean groupedGradientUnsupported(String message) {
    return message != null
        && (message.contains("Gradients for grouped convolutions are not supported")
            || (message.contains("filter_size does not have enough elements")
                && message.contains("Conv2DBackpropFilter")));
  }

  /**
   * Only TensorFlow's oneDNN kernels train grouped convolutions on a CPU, and TensorFlow turns them
   * on by itself only on CPUs with AVX-512 VNNI, AVX-VNNI or AMX; elsewhere the variable must.
   */
  private static String withoutOneDnn() {
    String set = System.getenv(ONEDNN_VARIABLE);
    return "TensorFlow cannot train grouped convolutions on this CPU without its oneDNN kernels,"
        + " and they are off in this process ("
        + ONEDNN_VARIABLE
        + (set == null ? " is not set" : "=" + set)
        + "); set "
        + ONEDNN_VARIABLE
        + "=1 in the environment before starting (the designspace command and its sweep workers"
        + " do unless it is set), or train with --conv-impl split";
  }

  /** The remaining epochs, each evaluated and checkpointed, then result.json. */
  private TrainResult epochs() {
    TrainingState state = startOrResume();
    EpochLoop loop =
        new EpochLoop(
            session,
            graph,
            LearningRateSchedule.of(options, steps),
            steps,
            options.batchSize(),
            info.classes(),
            run,
            request.listener());
    try (Feed<TrainingBatch> batches =
        EpochBatches.open(data.train(), options, state.epochsDone(), request.prefetch())) {
      for (int epoch = state.epochsDone(); epoch < options.epochs(); epoch++) {
        EpochLoop.Outcome outcome = loop.run(epoch, batches, state.lossTrace());
        if (outcome.diverged()) {
          run.log("diverged: " + outcome.divergence());
          return finish(RunStatus.DIVERGED, state, outcome.lossTrace(), outcome.divergence(), null);
        }
        state = evaluateAndSave(epoch, state, outcome);
      }
    }
    long timing = System.nanoTime();
    InferenceTime inference = null;
    try {
      inference = InferenceTimer.measure(session, graph, data.test());
      run.log(
          String.format(
              Locale.ROOT,
              "inference: %.3f ms per %d images (median of %d passes after %d warm-up), measured"
                  + " in %.2f s",
              inference.millis(),
              inference.batch(),
              inference.runs(),
              inference.warmup(),
              (System.nanoTime() - timing) / 1e9));
    } catch (RuntimeException e) {
      // a trained model is not lost over its timing: the result goes without one
      run.log(
          "inference: not measured (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    TrainResult result = finish(RunStatus.DONE, state, state.lossTrace(), "", inference);
    run.log(
        String.format(
            Locale.ROOT,
            "done: best test error %.2f%% (epoch %d), final %.2f%%",
            result.error(),
            result.bestEpoch(),
            result.finalError()));
    return result;
  }

  private static int stepsPerEpoch(ImageSet train, int batch) {
    int steps = Batches.stepsPerEpoch(train.count(), batch);
    if (steps == 0) {
      throw new TrainingSetupException(
          "the training set has "
              + train.count()
              + " images, fewer than one batch of "
              + batch
              + "; use a smaller --batch-size");
    }
    return steps;
  }

  /**
   * The state to continue from: the run directory's last checkpoint, restored into the session,
   * when resuming from one; else nothing done yet.
   */
  private TrainingState startOrResume() {
    TrainingState state = request.resume() ? run.state().orElse(null) : null;
    if (state == null) {
      run.log(
          String.format(
              Locale.ROOT,
              "training %s on %s (%d train / %d test images), %d epochs, batch %d, lr %.4g",
              info.name(),
              data.name(),
              data.train().count(),
              data.test().count(),
              options.epochs(),
              options.batchSize(),
              options.learningRate()));
      // no checkpoint yet: the first epoch's checkpoint names one
      return new TrainingState(0, "", 0, 0, List.of(), LossTrace.NONE);
    }
    try {
      session.restore(run.resolve(state.checkpoint()).toString());
    } catch (RuntimeException e) {
      throw new TrainingSetupException(
          "cannot restore the checkpoint named by "
              + run.resolve(RunFiles.STATE)
              + ": "
              + e.getMessage());
    }
    request
        .listener()
        .message(
            "resuming "
                + info.name()
                + " after epoch "
                + state.epochsDone()
                + " of "
                + options.epochs());
    run.log("resumed after epoch " + state.epochsDone());
    return state;
  }

  /**
   * Evaluates the test set after epoch {@code epoch}'s steps, logs and reports the epoch, and
   * checkpoints: the state a resumed run continues from.
   */
  private TrainingState evaluateAndSave(
      int epoch, TrainingState before, EpochLoop.Outcome outcome) {
    long evalStart = System.nanoTime();
    double[] testErrors = Evaluation.errors(session, graph, data.test(), options.evalBatchSize());
    double seconds = outcome.seconds() + (System.nanoTime() - evalStart) / 1e9;
    long images = (long) steps * options.batchSize();
    EpochStats stats =
        new EpochStats(
            epoch + 1,
            outcome.lossSum() / steps,
            100.0 * outcome.wrong() / images,
            testErrors[0],
            testErrors[1],
            outcome.lr(),
            seconds);
    List<EpochStats> curve = new ArrayList<>(before.curve());
    curve.add(stats);
    run.log(
        String.format(
            Locale.ROOT,
            "epoch %d/%d: train loss %.4f, train error %.2f%%, test error %.2f%% (top-5"
                + " %.2f%%), lr %.4g, %.1f s, %.0f images/s; per step (median) input wait %.2f"
                + " ms, run %.1f ms",
            stats.epoch(),
            options.epochs(),
            stats.trainLoss(),
            stats.trainError(),
            stats.testError(),
            stats.testTop5Error(),
            stats.lr(),
            seconds,
            images / outcome.seconds(),
            outcome.split().inputWaitMillis(),
            outcome.split().runMillis()));
    request.listener().epoch(stats, options.epochs());
    return checkpoint(
        epoch + 1,
        curve,
        before.trainSeconds() + outcome.seconds(),
        before.trainImages() + images,
        outcome.lossTrace());
  }

  /**
   * result.json from the epochs done so far; {@code lossTrace} may run past them (a diverged
   * epoch).
   */
  private TrainResult finish(
      RunStatus status,
      TrainingState state,
      LossTrace lossTrace,
      String message,
      InferenceTime inference) {
    TrainResult result =
        result(status, state.curve(), state.trainSeconds(), state.trainImages(), message);
    run.writeResult(modelResult(info, data, options, result, lossTrace, inference));
    return result;
  }

  private static Dataset limited(Dataset data, TrainOptions options) {
    return data.limit(
        options.trainLimit() > 0 ? options.trainLimit() : Integer.MAX_VALUE,
        options.testLimit() > 0 ? options.testLimit() : Integer.MAX_VALUE);
  }

  static ConfigProto sessionConfig(TrainOptions options) {
    ConfigProto.Builder config = ConfigProto.newBuilder().setInterOpParallelismThreads(1);
    if (options.threads() > 0) {
      config.setIntraOpParallelismThreads(options.threads());
    }
    if (options.device().equals("cpu")) {
      config.putDeviceCount("GPU", 0);
    } else {
      // the model on one GPU, memory taken as needed; ops without a GPU kernel fall back to the CPU
      config
          .setAllowSoftPlacement(true)
          .setGpuOptions(
              GPUOptions.newBuilder()
                  .setAllowGrowth(true)
                  .setVisibleDeviceList(options.device().substring("gpu:".length())));
    }
    if (!options.grappler().enabledOn(options.device())) {
      config.setGraphOptions(
          GraphOptions.newBuilder()
              .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)));
    }
    return config.build();
  }

  /** Saves the variables (weights, BN statistics, momentum), then points state.json at them. */
  private TrainingState checkpoint(
      int epochsDone,
      List<EpochStats> curve,
      double trainSeconds,
      long trainImages,
      LossTrace lossTrace) {
    String relative = RunDirectory.checkpointOf(epochsDone);
    Path dir = run.resolve(relative).getParent();
    try {
      FileTrees.delete(dir);
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + dir, e);
    }
    TrainingState state =
        new TrainingState(epochsDone, relative, trainSeconds, trainImages, curve, lossTrace);
    try {
      session.save(dir.resolve("model").toString());
      RunDirectory.sync(dir);
      run.writeState(state);
    } catch (java.io.IOException | RuntimeException e) {
      // a checkpoint half written (a full disk) is of no use: its space is better given back, so
      // that the failure can be recorded; state.json still names the one before
      try {
        FileTrees.delete(dir);
      } catch (java.io.IOException ignored) {
        // the failure below says what went wrong
      }
      throw e instanceof java.io.IOException io
          ? new java.io.UncheckedIOException("cannot save a checkpoint in " + dir, io)
          : (RuntimeException) e;
    }
    // the newest is what a resume needs; the best epoch's is what result.json's error is from
    Path best = run.resolve(RunDirectory.checkpointOf(EpochStats.bestEpoch(curve))).getParent();
    run.pruneCheckpoints(new HashSet<>(List.of(dir, best)));
    return state;
  }

  /**
   * How many classes score above the true one (0: a top-1 hit); a non-finite true score ranks last.
   */
  public static int rank(float[] scores, int label) {
    if (!Float.isFinite(scores[label])) {
      return scores.length;
    }
    int above = 0;
    for (int k = 0; k < scores.length; k++) {
      if (scores[k] > scores[label] || (scores[k] == scores[label] && k < label)) {
        above++;
      }
    }
    return above;
  }

  private static TrainResult result(
      RunStatus status,
      List<EpochStats> curve,
      double trainSeconds,
      long trainImages,
      String message) {
    int bestEpoch = EpochStats.bestEpoch(curve);
    double best = bestEpoch == 0 ? 100.0 : curve.get(bestEpoch - 1).testError();
    double last = curve.isEmpty() ? 100.0 : curve.get(curve.size() - 1).testError();
    return new TrainResult(
        status,
        best,
        last,
        bestEpoch,
        curve,
        trainSeconds,
        trainSeconds > 0 ? trainImages / trainSeconds : 0,
        message);
  }

  /** result.json: the run's outcome, its model and how it was trained (docs/run-files.md). */
  static ModelResult modelResult(
      ModelInfo info,
      Dataset data,
      TrainOptions options,
      TrainResult r,
      LossTrace lossTrace,
      InferenceTime inference) {
    return new ModelResult(
        info.name(),
        r.status(),
        r.error(),
        r.finalError(),
        r.bestEpoch(),
        r.curve().size(),
        r.curve(),
        r.trainSeconds(),
        r.imagesPerSecond(),
        info.flops(),
        info.params(),
        info.acts(),
        RunDirectory.JSON.valueToTree(ModelInfoJson.of(info)),
        data.name(),
        options.recipe().externalName(),
        lossTrace,
        RunDirectory.JSON.valueToTree(options),
        r.message().isEmpty() ? null : r.message(),
        null,
        inference);
  }
}
