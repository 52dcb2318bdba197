package dev.designspace.runtime.train;

import dev.designspace.runtime.data.ImageSet;
import dev.designspace.runtime.runfiles.InferenceTime;
import java.util.Arrays;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Times a trained model's forward pass, for the paper's question of what a model's runtime follows,
 * flops or activations. One fixed batch of test images through the inference build, on the session
 * that trained it (same device, same threads, as the sweep ran it); the first passes set up kernels
 * and caches and are not timed; the median of the timed ones is robust to the odd pass a busy
 * machine slows.
 */
final class InferenceTimer {
  /** Images per timed pass: pycls times a batch, not one image, and so do servers. */
  static final int BATCH = 64;

  static final int WARMUP = 3;
  static final int RUNS = 10;

  private InferenceTimer() {}

  static InferenceTime measure(Session session, TrainingGraph g, ImageSet images) {
    int n = BATCH;
    int size = images.imageSize();
    float[] pixels = new float[n * size];
    byte[] source = images.pixels();
    // the first BATCH test images, the set repeated where it has fewer; raw 0-255 as trained
    for (int b = 0; b < n; b++) {
      int from = (b % images.count()) * size;
      for (int i = 0; i < size; i++) {
        pixels[b * size + i] = source[from + i] & 0xff;
      }
    }
    double[] millis = new double[RUNS];
    try (TFloat32 x =
        TFloat32.tensorOf(
            Shape.of(n, images.height(), images.width(), images.channels()),
            DataBuffers.of(pixels, true, false))) {
      for (int i = 0; i < WARMUP + RUNS; i++) {
        long start = System.nanoTime();
        try (Result r = session.runner().feed(g.images, x).fetch(g.evalLogits).run()) {
          if (i >= WARMUP) {
            millis[i - WARMUP] = (System.nanoTime() - start) / 1e6;
          }
        }
      }
    }
    Arrays.sort(millis);
    double median =
        RUNS % 2 == 1 ? millis[RUNS / 2] : (millis[RUNS / 2 - 1] + millis[RUNS / 2]) / 2;
    return new InferenceTime(n, median, RUNS, WARMUP);
  }
}
