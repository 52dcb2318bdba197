package dev.designspace.runtime.train;

import dev.designspace.runtime.runfiles.LossTrace;
import dev.designspace.runtime.runfiles.RunDirectory;
import java.util.Locale;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The steps of one epoch: each takes the next batch and the scheduled learning rate into one
 * training step, traces and checks the loss, logs a few steps and reports progress. Stops at the
 * first step whose loss says the weights have blown up.
 */
final class EpochLoop {
  private static final int REPORT_EVERY = 10;
  private static final int LOG_EVERY = 50;

  /** Multiples of the chance loss beyond which a run counts as diverged. */
  private static final double EXPLODED = 1000;

  /** One step's mean loss, and how many of its images the training-mode logits got wrong. */
  record StepResult(float loss, long wrong) {}

  /**
   * How an epoch's steps went.
   *
   * @param lossSum sum of the steps' losses
   * @param lr the last step's learning rate
   * @param lossTrace the run's loss trace after the epoch's steps
   * @param divergence why the epoch stopped early, or empty when every step ran
   * @param seconds wall time of the steps
   * @param split where the steps' time went
   */
  record Outcome(
      double lossSum,
      long wrong,
      double lr,
      LossTrace lossTrace,
      String divergence,
      double seconds,
      StepSplit split) {
    boolean diverged() {
      return !divergence.isEmpty();
    }
  }

  private final Session session;
  private final TrainingGraph graph;
  private final LearningRateSchedule schedule;
  private final int steps;
  private final int batchSize;
  private final double explodedLoss;
  private final RunDirectory run;
  private final ProgressListener listener;

  EpochLoop(
      Session session,
      TrainingGraph graph,
      LearningRateSchedule schedule,
      int steps,
      int batchSize,
      int classes,
      RunDirectory run,
      ProgressListener listener) {
    this.session = session;
    this.graph = graph;
    this.schedule = schedule;
    this.steps = steps;
    this.batchSize = batchSize;
    this.explodedLoss = EXPLODED * Math.log(classes); // chance loss is ln(classes)
    this.run = run;
    this.listener = listener;
  }

  /** Runs epoch {@code epoch} (from 0) on the next {@code steps} batches of {@code batches}. */
  Outcome run(int epoch, Feed<TrainingBatch> batches, LossTrace traceBefore) {
    long t0 = System.nanoTime();
    StepTimes times = new StepTimes(steps);
    LossTrace lossTrace = traceBefore;
    double lossSum = 0;
    long wrong = 0;
    double lr = 0;
    for (int step = 0; step < steps; step++) {
      long waitStart = System.nanoTime();
      long runStart;
      StepResult r;
      try (TrainingBatch batch = batches.next()) {
        runStart = System.nanoTime();
        lr = schedule.at((long) epoch * steps + step);
        r = step(session, graph, batch, lr);
      }
      times.add(runStart - waitStart, System.nanoTime() - runStart);
      float loss = r.loss();
      wrong += r.wrong();
      if (Float.isFinite(loss)) {
        lossTrace = lossTrace.after((long) epoch * steps + step + 1, loss);
      }
      if (!Float.isFinite(loss) || loss > explodedLoss) {
        String why =
            String.format(
                Locale.ROOT,
                "loss became %s at epoch %d, step %d (lr %.4g)",
                loss,
                epoch + 1,
                step + 1,
                lr);
        return outcome(lossSum, wrong, lr, lossTrace, why, t0, times, step + 1);
      }
      lossSum += loss;
      logAndReport(epoch, step, loss, lossSum, lr, t0);
    }
    return outcome(lossSum, wrong, lr, lossTrace, "", t0, times, steps);
  }

  private Outcome outcome(
      double lossSum,
      long wrong,
      double lr,
      LossTrace lossTrace,
      String divergence,
      long t0,
      StepTimes times,
      int stepsRun) {
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Outcome(
        lossSum,
        wrong,
        lr,
        lossTrace,
        divergence,
        seconds,
        times.split((long) stepsRun * batchSize, seconds));
  }

  private void logAndReport(int epoch, int step, float loss, double lossSum, double lr, long t0) {
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
      listener.step(
          epoch + 1,
          step + 1,
          steps,
          lossSum / (step + 1),
          (step + 1) * (double) batchSize / elapsed);
    }
  }

  /** One training step on {@code batch} at learning rate {@code lr}. */
  static StepResult step(Session session, TrainingGraph g, TrainingBatch batch, double lr) {
    try (TFloat32 rate = TFloat32.scalarOf((float) lr);
        Result r =
            session
                .runner()
                .feed(g.images, batch.images)
                .feed(g.labels, batch.labelTensor)
                .feed(g.learningRate, rate)
                .addTarget(g.trainStep)
                .fetch(g.loss)
                .fetch(g.trainLogits)
                .run()) {
      return new StepResult(
          ((TFloat32) r.get(0)).getFloat(), wrongTop1((TFloat32) r.get(1), batch));
    }
  }

  private static long wrongTop1(TFloat32 logits, TrainingBatch batch) {
    int n = batch.size();
    int classes = (int) logits.shape().get(1);
    float[] flat = new float[n * classes];
    logits.copyTo(DataBuffers.of(flat, false, false));
    long wrong = 0;
    for (int i = 0; i < n; i++) {
      float[] scores = java.util.Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
      if (Trainer.rank(scores, batch.label(i)) >= 1) {
        wrong++;
      }
    }
    return wrong;
  }
}
