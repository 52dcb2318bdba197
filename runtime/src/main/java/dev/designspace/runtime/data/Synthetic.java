package dev.designspace.runtime.data;

import dev.designspace.generator.random.SplitMix64;

/**
 * A small learnable dataset for tests: class c is a bright square at a class-specific place on a
 * noisy background.
 */
final class Synthetic {
  private Synthetic() {}

  static Dataset generate(
      int size, int channels, int classes, int trainCount, int testCount, long seed) {
    return Dataset.of(
        "synthetic",
        images(size, channels, classes, trainCount, seed),
        images(size, channels, classes, testCount, seed + 1),
        classes,
        "generated (seed " + seed + ")");
  }

  private static ImageSet images(int size, int channels, int classes, int count, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    byte[] pixels = new byte[count * size * size * channels];
    int[] labels = new int[count];
    int square = Math.max(2, size / 4);
    int grid = (int) Math.ceil(Math.sqrt(classes));
    for (int n = 0; n < count; n++) {
      int c = n % classes;
      labels[n] = c;
      int y0 = (c / grid) * (size - square) / Math.max(1, grid - 1);
      int x0 = (c % grid) * (size - square) / Math.max(1, grid - 1);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          boolean inside = y >= y0 && y < y0 + square && x >= x0 && x < x0 + square;
          for (int k = 0; k < channels; k++) {
            int noise = rng.nextInt(64);
            pixels[((n * size + y) * size + x) * channels + k] =
                (byte) (inside ? 190 + noise : noise);
          }
        }
      }
    }
    return new ImageSet(pixels, labels, size, size, channels);
  }
}
