package dev.designspace.runtime.data;

/**
 * Images as uint8 pixels in NHWC order and their labels.
 *
 * @param pixels {@code count * height * width * channels} bytes, unsigned
 */
public record ImageSet(byte[] pixels, int[] labels, int height, int width, int channels) {
  public ImageSet {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("image dimensions must be >= 1");
    }
    if (pixels.length != (long) labels.length * height * width * channels) {
      throw new IllegalArgumentException(
          "pixels hold "
              + pixels.length
              + " bytes, expected "
              + (long) labels.length * height * width * channels
              + " for "
              + labels.length
              + " images");
    }
  }

  public int count() {
    return labels.length;
  }

  public int imageSize() {
    return height * width * channels;
  }

  /** The first {@code n} images (all when n >= count). */
  public ImageSet limit(int n) {
    if (n >= count()) {
      return this;
    }
    byte[] p = java.util.Arrays.copyOf(pixels, n * imageSize());
    return new ImageSet(p, java.util.Arrays.copyOf(labels, n), height, width, channels);
  }
}
