package dev.designspace.runtime.convtuning;

import dev.designspace.layers.ConvFormulation;
import dev.designspace.layers.ConvShape;
import dev.designspace.layers.GroupedConvolution;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Times a convolution in its own small graph: the layer's padded input and kernel fed as tensors
 * built once, the convolution and both its gradients (input and kernel) run as one target, a few
 * warm-up runs, then the median of the timed ones. The input is laid out as the layer sees it
 * (padded, or subsampled for a strided 1x1), so the ops are the ones training runs.
 */
final class SessionConvTimer implements ConvTimer {
  private final int warmup;
  private final int runs;

  SessionConvTimer(int warmup, int runs) {
    if (warmup < 0 || runs < 1) {
      throw new IllegalArgumentException("warm-up >= 0 and runs >= 1, got " + warmup + ", " + runs);
    }
    this.warmup = warmup;
    this.runs = runs;
  }

  @Override
  public double millis(ConvShape shape, int batch, int threads, ConvFormulation formulation) {
    int k = shape.kernel();
    boolean subsampled = k == 1 && shape.stride() > 1;
    int pad = (k - 1) / 2;
    int height = subsampled ? (shape.height() - 1) / shape.stride() + 1 : shape.height() + 2 * pad;
    int width = subsampled ? (shape.width() - 1) / shape.stride() + 1 : shape.width() + 2 * pad;
    int stride = subsampled ? 1 : shape.stride();
    Shape inputShape = Shape.of(batch, height, width, shape.in());
    Shape kernelShape = Shape.of(k, k, shape.in() / shape.groups(), shape.out());
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(inputShape));
      Placeholder<TFloat32> kernel = tf.placeholder(TFloat32.class, Placeholder.shape(kernelShape));
      Operand<TFloat32> y = GroupedConvolution.build(tf, x, kernel, shape, stride, formulation);
      var gradients = tf.gradients(y, List.of(x, kernel));
      ConfigProto.Builder config = ConfigProto.newBuilder().setInterOpParallelismThreads(1);
      if (threads > 0) {
        config.setIntraOpParallelismThreads(threads);
      }
      config.putDeviceCount("GPU", 0);
      try (Session session = new Session(graph, config.build());
          TFloat32 xValue =
              TFloat32.tensorOf(inputShape, DataBuffers.of(random(inputShape.size(), 1)));
          TFloat32 kernelValue =
              TFloat32.tensorOf(kernelShape, DataBuffers.of(random(kernelShape.size(), 2)))) {
        double[] millis = new double[runs];
        for (int i = 0; i < warmup + runs; i++) {
          long start = System.nanoTime();
          // fetched, not run as a NoOp's control inputs: the optimiser prunes those
          session
              .runner()
              .feed(x, xValue)
              .feed(kernel, kernelValue)
              .fetch(gradients.dy(0))
              .fetch(gradients.dy(1))
              .run()
              .close();
          if (i >= warmup) {
            millis[i - warmup] = (System.nanoTime() - start) / 1e6;
          }
        }
        Arrays.sort(millis);
        return runs % 2 == 1 ? millis[runs / 2] : (millis[runs / 2 - 1] + millis[runs / 2]) / 2;
      }
    }
  }

  private static float[] random(long size, long seed) {
    Random random = new Random(seed);
    float[] values = new float[Math.toIntExact(size)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
