package dev.designspace.runtime.train;

import dev.designspace.runtime.data.Batches;
import dev.designspace.runtime.data.ImageSet;
import java.util.Arrays;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** The inference build of a training graph run over a whole image set. */
final class Evaluation {
  private Evaluation() {}

  /** Top-1 and top-5 error (%) of the inference build on {@code images}. */
  static double[] errors(Session session, TrainingGraph g, ImageSet images, int batchSize) {
    float[][] logits = logits(session, g, images, batchSize);
    long wrong1 = 0;
    long wrong5 = 0;
    for (int i = 0; i < logits.length; i++) {
      int rank = Trainer.rank(logits[i], images.labels()[i]);
      wrong1 += rank >= 1 ? 1 : 0;
      wrong5 += rank >= 5 ? 1 : 0;
    }
    return new double[] {100.0 * wrong1 / logits.length, 100.0 * wrong5 / logits.length};
  }

  /** The logits of every image, in order. */
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
          out[at++] = Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
        }
      }
    }
    return out;
  }
}
