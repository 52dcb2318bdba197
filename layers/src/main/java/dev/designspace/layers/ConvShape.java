package dev.designspace.layers;

/**
 * A convolution layer's shape without the batch: the input's height, width and channels (before
 * padding), output channels, kernel size, stride and groups.
 */
public record ConvShape(
    int height, int width, int in, int out, int kernel, int stride, int groups) {
  public ConvShape {
    if (height < 1 || width < 1 || in < 1 || out < 1 || kernel < 1 || stride < 1 || groups < 1) {
      throw new IllegalArgumentException(
          "convolution dimensions must be >= 1: "
              + text(height, width, in, out, kernel, stride, groups));
    }
    if (in % groups != 0 || out % groups != 0) {
      throw new IllegalArgumentException(
          in + " -> " + out + " channels do not split into " + groups + " groups");
    }
  }

  /** A compact key such as {@code 14x14x24-24-k3s2g3}. */
  public String text() {
    return text(height, width, in, out, kernel, stride, groups);
  }

  private static String text(
      int height, int width, int in, int out, int kernel, int stride, int groups) {
    return height + "x" + width + "x" + in + "-" + out + "-k" + kernel + "s" + stride + "g"
        + groups;
  }
}
