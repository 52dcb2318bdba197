package dev.designspace.runtime.train;

import dev.designspace.generator.tool.FileTrees;
import dev.designspace.model.ModelInfo;
import dev.designspace.model.ModelInfoJson;
import dev.designspace.runtime.data.Batches;
import dev.designspace.runtime.data.Dataset;
import dev.designspace.runtime.data.ImageSet;
import dev.designspace.runtime.runfiles.EpochStats;
import dev.designspace.runtime.runfiles.LossTrace;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFiles;
import dev.designspace.runtime.runfiles.RunStatus;
import dev.designspace.runtime.runfiles.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Trains one model: per step it feeds a batch and the scheduled learning rate, per epoch it
 * evaluates the test set in inference mode, saves a checkpoint and {@code state.json}, and at the
 * end writes {@code result.json}. A resumed run continues from the last checkpoint with the same
 * batches and learning rates, so it ends with the same weights as an uninterrupted one.
 */
public final class Trainer {
  private static final int REPORT_EVERY = 10;
  private static final int LOG_EVERY = 50;

  /** Multiples of the chance loss beyond which a run counts as diverged. */
  private static final double EXPLODED = 1000;

  private Trainer() {}

  public static TrainResult train(TrainRequest request) {
    TrainOptions options = request.options();
    Dataset data = limited(request.dataset(), options);
    ModelInfo info = request.network().info();
    RunDirectory run = request.runDirectory();
    ImageSet train = data.train();
    int batch = options.batchSize();
    int steps = Batches.stepsPerEpoch(train.count(), batch);
    if (steps == 0) {
      throw new TrainingSetupException(
          "the training set has "
              + train.count()
              + " images, fewer than one batch of "
              + batch
              + "; use a smaller --batch-size");
    }
    LearningRateSchedule schedule = LearningRateSchedule.of(options, steps);
    List<EpochStats> curve = new ArrayList<>();
    int start = 0;
    double trainSeconds = 0;
    long trainImages = 0;
    LossTrace lossTrace = LossTrace.NONE;
    try (TrainingGraph g = new TrainingGraph(request.network(), data.mean(), data.std(), options);
        Session session = new Session(g.graph, sessionConfig(options))) {
      TrainingState state = request.resume() ? run.state().orElse(null) : null;
      if (state != null) {
        try {
          session.restore(run.resolve(state.checkpoint()).toString());
        } catch (RuntimeException e) {
          throw new TrainingSetupException(
              "cannot restore the checkpoint named by "
                  + run.resolve(RunFiles.STATE)
                  + ": "
                  + e.getMessage());
        }
        start = state.epochsDone();
        curve.addAll(state.curve());
        trainSeconds = state.trainSeconds();
        trainImages = state.trainImages();
        lossTrace = state.lossTrace();
        request
            .listener()
            .message(
                "resuming " + info.name() + " after epoch " + start + " of " + options.epochs());
        run.log("resumed after epoch " + start);
      } else {
        run.log(
            String.format(
                Locale.ROOT,
                "training %s on %s (%d train / %d test images), %d epochs, batch %d, lr %.4g",
                info.name(),
                data.name(),
                train.count(),
                data.test().count(),
                options.epochs(),
                batch,
                options.learningRate()));
      }
      float[] pixels = new float[batch * train.imageSize()];
      int[] labels = new int[batch];
      for (int epoch = start; epoch < options.epochs(); epoch++) {
        long t0 = System.nanoTime();
        Batches batches =
            Batches.training(train, batch, options.seed(), epoch, options.augmentation());
        double lossSum = 0;
        long wrong = 0;
        double lr = 0;
        for (int step = 0; step < steps; step++) {
          batches.next(pixels, labels);
          lr = schedule.at((long) epoch * steps + step);
          float[] lossAndWrong = step(session, g, pixels, labels, batch, train, lr);
          float loss = lossAndWrong[0];
          wrong += (long) lossAndWrong[1];
          long globalStep = (long) epoch * steps + step + 1;
          if (Float.isFinite(loss)) {
            lossTrace = lossTrace.after(globalStep, loss);
          }
          // NaN/inf, or a loss 1000 times chance (ln classes): the weights have blown up
          if (!Float.isFinite(loss) || loss > EXPLODED * Math.log(info.classes())) {
            String why =
                String.format(
                    Locale.ROOT,
                    "loss became %s at epoch %d, step %d (lr %.4g)",
                    loss,
                    epoch + 1,
                    step + 1,
                    lr);
            run.log("diverged: " + why);
            TrainResult result = result(RunStatus.DIVERGED, curve, trainSeconds, trainImages, why);
            run.writeResult(modelResult(info, data, options, result, lossTrace));
            return result;
          }
          lossSum += loss;
          if ((step + 1) % LOG_EVERY == 0 || (epoch == 0 && step < 10)) {
            run.log(
                String.format(
                    Locale.ROOT,
                    "  epoch %d step %d/%d: loss %.4f (mean %.4f), lr %.4g",
                    epoch + 1,
                    step + 1,
                    steps,
                    loss,
                    lossSum / (step + 1),
                    lr));
          }
          if ((step + 1) % REPORT_EVERY == 0 || step + 1 == steps) {
            double elapsed = (System.nanoTime() - t0) / 1e9;
            request
                .listener()
                .step(
                    epoch + 1,
                    step + 1,
                    steps,
                    lossSum / (step + 1),
                    (step + 1) * (double) batch / elapsed);
          }
        }
        double epochTrainSeconds = (System.nanoTime() - t0) / 1e9;
        trainSeconds += epochTrainSeconds;
        trainImages += (long) steps * batch;
        double[] testErrors = evaluate(session, g, data.test(), options.evalBatchSize());
        double seconds = (System.nanoTime() - t0) / 1e9;
        EpochStats stats =
            new EpochStats(
                epoch + 1,
                lossSum / steps,
                100.0 * wrong / ((long) steps * batch),
                testErrors[0],
                testErrors[1],
                lr,
                seconds);
        curve.add(stats);
        run.log(
            String.format(
                Locale.ROOT,
                "epoch %d/%d: train loss %.4f, train error %.2f%%, test error %.2f%% (top-5"
                    + " %.2f%%), lr %.4g, %.1f s, %.0f images/s",
                stats.epoch(),
                options.epochs(),
                stats.trainLoss(),
                stats.trainError(),
                stats.testError(),
                stats.testTop5Error(),
                lr,
                seconds,
                steps * batch / epochTrainSeconds));
        request.listener().epoch(stats, options.epochs());
        checkpoint(session, run, epoch + 1, curve, trainSeconds, trainImages, lossTrace);
      }
      TrainResult result = result(RunStatus.DONE, curve, trainSeconds, trainImages, "");
      run.writeResult(modelResult(info, data, options, result, lossTrace));
      run.log(
          String.format(
              Locale.ROOT,
              "done: best test error %.2f%% (epoch %d), final %.2f%%",
              result.error(),
              result.bestEpoch(),
              result.finalError()));
      return result;
    }
  }

  /**
   * One training step on a batch: returns the batch's loss and how many of its images the
   * training-mode logits got wrong (top-1).
   */
  static float[] step(
      Session session,
      TrainingGraph g,
      float[] pixels,
      int[] labels,
      int batch,
      ImageSet shape,
      double lr) {
    try (TFloat32 x =
            TFloat32.tensorOf(
                Shape.of(batch, shape.height(), shape.width(), shape.channels()),
                DataBuffers.of(pixels, true, false));
        TInt32 y = TInt32.tensorOf(Shape.of(batch), DataBuffers.of(labels, true, false));
        TFloat32 rate = TFloat32.scalarOf((float) lr);
        Result r =
            session
                .runner()
                .feed(g.images, x)
                .feed(g.labels, y)
                .feed(g.learningRate, rate)
                .addTarget(g.trainStep)
                .fetch(g.loss)
                .fetch(g.trainLogits)
                .run()) {
      return new float[] {
        ((TFloat32) r.get(0)).getFloat(), wrongTop((TFloat32) r.get(1), labels, batch, 1)
      };
    }
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
    return config.build();
  }

  /** Saves the variables (weights, BN statistics, momentum), then points state.json at them. */
  private static void checkpoint(
      Session session,
      RunDirectory run,
      int epochsDone,
      List<EpochStats> curve,
      double trainSeconds,
      long trainImages,
      LossTrace lossTrace) {
    String relative =
        RunDirectory.CHECKPOINTS + "/epoch-" + String.format(Locale.ROOT, "%03d", epochsDone);
    Path dir = run.resolve(relative);
    try {
      FileTrees.delete(dir);
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + dir, e);
    }
    session.save(dir.resolve("model").toString());
    try {
      RunDirectory.sync(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot sync " + dir, e);
    }
    run.writeState(
        new TrainingState(
            epochsDone, relative + "/model", trainSeconds, trainImages, curve, lossTrace));
    run.pruneCheckpoints(dir);
  }

  /** Top-1 and top-5 error (%) of the inference build on {@code images}. */
  static double[] evaluate(Session session, TrainingGraph g, ImageSet images, int batchSize) {
    float[][] logits = logits(session, g, images, batchSize);
    long wrong1 = 0;
    long wrong5 = 0;
    for (int i = 0; i < logits.length; i++) {
      int rank = rank(logits[i], images.labels()[i]);
      wrong1 += rank >= 1 ? 1 : 0;
      wrong5 += rank >= 5 ? 1 : 0;
    }
    return new double[] {100.0 * wrong1 / logits.length, 100.0 * wrong5 / logits.length};
  }

  static float[][] logits(Session session, TrainingGraph g, ImageSet images, int batchSize) {
    Batches batches = Batches.evaluation(images, batchSize);
    float[] pixels = new float[batchSize * images.imageSize()];
    int[] labels = new int[batchSize];
    float[][] out = new float[images.count()][];
    int at = 0;
    while (batches.hasNext()) {
      int n = batches.next(pixels, labels);
      try (TFloat32 x =
              TFloat32.tensorOf(
                  Shape.of(n, images.height(), images.width(), images.channels()),
                  DataBuffers.of(pixels, true, false).slice(0, (long) n * images.imageSize()));
          Result r = session.runner().feed(g.images, x).fetch(g.evalLogits).run()) {
        TFloat32 l = (TFloat32) r.get(0);
        int classes = (int) l.shape().get(1);
        float[] flat = new float[n * classes];
        l.copyTo(DataBuffers.of(flat, false, false));
        for (int i = 0; i < n; i++) {
          out[at++] = java.util.Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
        }
      }
    }
    return out;
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

  private static long wrongTop(TFloat32 logits, int[] labels, int n, int k) {
    int classes = (int) logits.shape().get(1);
    float[] flat = new float[n * classes];
    logits.copyTo(DataBuffers.of(flat, false, false));
    long wrong = 0;
    for (int i = 0; i < n; i++) {
      if (rank(java.util.Arrays.copyOfRange(flat, i * classes, (i + 1) * classes), labels[i])
          >= k) {
        wrong++;
      }
    }
    return wrong;
  }

  private static TrainResult result(
      RunStatus status,
      List<EpochStats> curve,
      double trainSeconds,
      long trainImages,
      String message) {
    double best = 100.0;
    int bestEpoch = 0;
    for (EpochStats e : curve) {
      if (e.testError() < best) {
        best = e.testError();
        bestEpoch = e.epoch();
      }
    }
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
      ModelInfo info, Dataset data, TrainOptions options, TrainResult r, LossTrace lossTrace) {
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
        options.recipe().specName(),
        lossTrace,
        RunDirectory.JSON.valueToTree(options),
        r.message().isEmpty() ? null : r.message());
  }
}
