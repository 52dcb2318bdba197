package dev.designspace.runtime.runfiles;

/**
 * How long the trained model takes to classify a batch: the forward pass of its inference build on
 * the device and threads it trained with, timed after warm-up runs, the median of the timed runs.
 *
 * @param batch images per forward pass
 * @param millis the median wall time of one forward pass of {@code batch} images, in milliseconds
 * @param runs timed forward passes the median is taken over
 * @param warmup forward passes run first and not timed (graph set-up, kernel selection, caches)
 */
public record InferenceTime(int batch, double millis, int runs, int warmup) {
  public InferenceTime {
    if (batch < 1 || runs < 1 || warmup < 0 || !(millis > 0)) {
      throw new IllegalArgumentException(
          "an inference time needs a batch, runs and a positive time, got batch "
              + batch
              + ", "
              + runs
              + " runs, "
              + millis
              + " ms");
    }
  }

  /** Milliseconds per image. */
  public double millisPerImage() {
    return millis / batch;
  }
}
