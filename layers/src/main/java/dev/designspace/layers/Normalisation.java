package dev.designspace.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Per-channel normalisation inside the graph, {@code (pixels - mean) / std}, so that training and
 * exported models take raw 0-255 pixels and normalise identically.
 */
public final class Normalisation {
  private Normalisation() {}

  public static Operand<TFloat32> apply(
      Ops tf, Operand<TFloat32> pixels, float[] mean, float[] std) {
    Ops s = tf.withSubScope("normalise");
    float[] inverse = new float[std.length];
    for (int i = 0; i < std.length; i++) {
      inverse[i] = 1f / std[i];
    }
    return s.math.mul(s.math.sub(pixels, s.constant(mean)), s.constant(inverse));
  }
}
