package dev.designspace.runtime.train;

import dev.designspace.runtime.data.ImageSet;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One training batch as the tensors a step feeds, with its labels kept on the heap to count the
 * step's errors. Owns the tensors' native memory until closed.
 */
final class TrainingBatch implements AutoCloseable {
  final TFloat32 images;
  final TInt32 labelTensor;
  private final int[] labels;

  private TrainingBatch(TFloat32 images, TInt32 labelTensor, int[] labels) {
    this.images = images;
    this.labelTensor = labelTensor;
    this.labels = labels;
  }

  /** Copies a full batch of pixels (0-255, NHWC, shaped like {@code shape}) and labels. */
  static TrainingBatch of(float[] pixels, int[] labels, ImageSet shape) {
    int n = labels.length;
    TFloat32 x =
        TFloat32.tensorOf(
            Shape.of(n, shape.height(), shape.width(), shape.channels()),
            DataBuffers.of(pixels, true, false).slice(0, (long) n * shape.imageSize()));
    try {
      TInt32 y = TInt32.tensorOf(Shape.of(n), DataBuffers.of(labels, true, false));
      return new TrainingBatch(x, y, labels.clone());
    } catch (RuntimeException e) {
      x.close();
      throw e;
    }
  }

  int size() {
    return labels.length;
  }

  int label(int i) {
    return labels[i];
  }

  /** The labels, copied: what a test compares. */
  int[] labels() {
    return labels.clone();
  }

  @Override
  public void close() {
    try {
      images.close();
    } finally {
      labelTensor.close();
    }
  }
}
