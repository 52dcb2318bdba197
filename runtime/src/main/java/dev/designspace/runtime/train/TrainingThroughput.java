package dev.designspace.runtime.train;

import dev.designspace.layers.Network;
import dev.designspace.runtime.convtuning.FormulationChoice;
import dev.designspace.runtime.data.ImageSet;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Throughput probes for the training benchmark: the trainer's own step, where its time goes with
 * the input pipeline in front of it, a minimal hand-written loop over the same graph (tensors built
 * once, no fetches but the step), and a plain MatMul.
 */
public final class TrainingThroughput {
  /**
   * Random images behind {@link #stepSplit}: few, so the data stays small; reshuffled per epoch.
   */
  private static final int BATCHES_PER_EPOCH = 10;

  private TrainingThroughput() {}

  /** Images per second of {@code steps} trainer steps after {@code warmup} steps. */
  public static double trainerImagesPerSecond(
      Network network, int batch, int threads, FormulationChoice convImpl, int warmup, int steps) {
    TrainOptions options =
        TrainOptions.DEFAULTS.withBatchSize(batch).withThreads(threads).withConvImpl(convImpl);
    ImageSet data = randomImages(network, batch);
    float[] pixels = floatPixels(data);
    int[] labels = data.labels();
    try (TrainingGraph g =
            new TrainingGraph(network, new float[data.channels()], ones(data.channels()), options);
        Session s = new Session(g.graph, Trainer.sessionConfig(options))) {
      long t0 = 0;
      for (int i = 0; i < warmup + steps; i++) {
        if (i == warmup) {
          t0 = System.nanoTime();
        }
        // fresh tensors every step, as the trainer makes them
        try (TrainingBatch b = TrainingBatch.of(pixels, labels, data)) {
          EpochLoop.step(s, g, b, 0.01);
        }
      }
      return (double) steps * batch / ((System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * Where a trainer step's time goes, input included: the trainer's batches (shuffled, cropped and
   * flipped from {@value #BATCHES_PER_EPOCH} batches of random images, made into tensors) prepared
   * ahead on their own thread or in turn, then its step; medians over {@code steps} steps after
   * {@code warmup}.
   */
  public static StepSplit stepSplit(
      Network network, int batch, int threads, int warmup, int steps, boolean prefetch) {
    int epochs = (warmup + steps + BATCHES_PER_EPOCH - 1) / BATCHES_PER_EPOCH;
    TrainOptions options =
        TrainOptions.DEFAULTS.withBatchSize(batch).withThreads(threads).withEpochs(epochs);
    ImageSet data = randomImages(network, batch * BATCHES_PER_EPOCH);
    try (TrainingGraph g =
            new TrainingGraph(network, new float[data.channels()], ones(data.channels()), options);
        Session s = new Session(g.graph, Trainer.sessionConfig(options));
        Feed<TrainingBatch> batches = EpochBatches.open(data, options, 0, prefetch)) {
      StepTimes times = new StepTimes(steps);
      long t0 = 0;
      for (int i = 0; i < warmup + steps; i++) {
        if (i == warmup) {
          t0 = System.nanoTime();
        }
        long waitStart = System.nanoTime();
        long runStart;
        try (TrainingBatch b = batches.next()) {
          runStart = System.nanoTime();
          EpochLoop.step(s, g, b, 0.01);
        }
        if (i >= warmup) {
          times.add(runStart - waitStart, System.nanoTime() - runStart);
        }
      }
      return times.split((long) steps * batch, (System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * The same graph driven by the smallest loop TF Java allows: feed prebuilt tensors, run the step.
   */
  public static double handWrittenImagesPerSecond(
      Network network, int batch, int threads, FormulationChoice convImpl, int warmup, int steps) {
    TrainOptions options =
        TrainOptions.DEFAULTS.withBatchSize(batch).withThreads(threads).withConvImpl(convImpl);
    ImageSet data = randomImages(network, batch);
    float[] pixels = floatPixels(data);
    try (TrainingGraph g =
            new TrainingGraph(network, new float[data.channels()], ones(data.channels()), options);
        Session s = new Session(g.graph, Trainer.sessionConfig(options));
        TFloat32 x =
            TFloat32.tensorOf(
                Shape.of(batch, data.height(), data.width(), data.channels()),
                DataBuffers.of(pixels));
        TInt32 y = TInt32.tensorOf(Shape.of(batch), DataBuffers.of(data.labels()));
        TFloat32 lr = TFloat32.scalarOf(0.01f)) {
      for (int i = 0; i < warmup + steps; i++) {
        if (i == warmup) {
          long t0 = System.nanoTime();
          for (int j = 0; j < steps; j++) {
            s.runner()
                .feed(g.images, x)
                .feed(g.labels, y)
                .feed(g.learningRate, lr)
                .addTarget(g.trainStep)
                .run()
                .close();
          }
          return (double) steps * batch / ((System.nanoTime() - t0) / 1e9);
        }
        s.runner()
            .feed(g.images, x)
            .feed(g.labels, y)
            .feed(g.learningRate, lr)
            .addTarget(g.trainStep)
            .run()
            .close();
      }
      return 0;
    }
  }

  /** GFLOP/s of an n x n by n x n float MatMul (2 n^3 flops per product). */
  public static double matMulGflops(int n, int threads, int repeats) {
    TrainOptions options = TrainOptions.DEFAULTS.withThreads(threads);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
      Operand<TFloat32> product = tf.linalg.matMul(a, a);
      Operand<TFloat32> sum = tf.sum(product, tf.constant(new int[] {0, 1}));
      float[] values = new float[n * n];
      for (int i = 0; i < values.length; i++) {
        values[i] = (i % 7) * 0.01f;
      }
      try (Session s = new Session(graph, Trainer.sessionConfig(options));
          TFloat32 input = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(values))) {
        s.runner().feed(a, input).fetch(sum).run().close();
        long t0 = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
          s.runner().feed(a, input).fetch(sum).run().close();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return 2.0 * n * n * (double) n * repeats / seconds / 1e9;
      }
    }
  }

  /** The images' pixels as the graph takes them (0-255 as floats). */
  private static float[] floatPixels(ImageSet data) {
    float[] pixels = new float[data.count() * data.imageSize()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = data.pixels()[i] & 0xff;
    }
    return pixels;
  }

  private static ImageSet randomImages(Network network, int count) {
    var info = network.info();
    int size = info.inputSize() * info.inputSize() * info.inputChannels();
    byte[] pixels = new byte[count * size];
    java.util.Random random = new java.util.Random(1);
    random.nextBytes(pixels);
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % info.classes();
    }
    return new ImageSet(pixels, labels, info.inputSize(), info.inputSize(), info.inputChannels());
  }

  private static float[] ones(int n) {
    float[] out = new float[n];
    java.util.Arrays.fill(out, 64f);
    return out;
  }
}
