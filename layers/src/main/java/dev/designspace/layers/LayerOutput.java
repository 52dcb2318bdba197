package dev.designspace.layers;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A layer's output: the TensorFlow operand and its static shape without the batch dimension, {@code
 * [height, width, channels]} for feature maps or {@code [features]} after the head's pooling.
 */
public final class LayerOutput {
  private final Operand<TFloat32> operand;
  private final int height;
  private final int width;
  private final int channels;

  private LayerOutput(Operand<TFloat32> operand, int height, int width, int channels) {
    this.operand = Objects.requireNonNull(operand, "operand");
    this.height = height;
    this.width = width;
    this.channels = channels;
  }

  /** An NHWC feature map. */
  public static LayerOutput featureMap(
      Operand<TFloat32> operand, int height, int width, int channels) {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "feature map dimensions must be >= 1, got " + height + "x" + width + "x" + channels);
    }
    return new LayerOutput(operand, height, width, channels);
  }

  /** A [batch, features] matrix (pooled features or logits). */
  public static LayerOutput features(Operand<TFloat32> operand, int features) {
    return new LayerOutput(operand, 0, 0, features);
  }

  public Operand<TFloat32> operand() {
    return operand;
  }

  public boolean isFeatureMap() {
    return height > 0;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** Channels of a feature map, or features of a matrix. */
  public int channels() {
    return channels;
  }

  /** The shape as Keras prints it: (None, 56, 56, 24) or (None, 1000). */
  public String shapeText() {
    return isFeatureMap()
        ? "(None, " + height + ", " + width + ", " + channels + ")"
        : "(None, " + channels + ")";
  }
}
