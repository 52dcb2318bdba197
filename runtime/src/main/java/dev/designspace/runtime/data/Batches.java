package dev.designspace.runtime.data;

import dev.designspace.command.BadInputException;
import dev.designspace.generator.random.SplitMix64;

/**
 * Batches of one epoch as float pixels (0-255, NHWC) and labels. Training batches are shuffled and
 * augmented (random crop from a zero-padded image, horizontal flip) from a generator seeded by
 * (seed, epoch) alone, so an epoch's batches are the same whether or not the run was resumed. The
 * last incomplete training batch is dropped (pycls does the same); test batches cover every image.
 */
public final class Batches {
  private final ImageSet images;
  private final int batchSize;
  private final boolean training;
  private final int[] order;
  private final SplitMix64 rng;
  private final int pad;
  private final boolean flip;
  private int next;

  /** Training augmentation. */
  public enum Augmentation {
    /** none */
    NONE,
    /** horizontal flip with probability 1/2 */
    FLIP,
    /** random crop from the image zero-padded by size / 16 (1 pixel at 28, 2 at 32), then flip */
    CROP_FLIP;

    public static Augmentation parse(String name) {
      return switch (name) {
        case "none" -> NONE;
        case "flip" -> FLIP;
        case "crop-flip" -> CROP_FLIP;
        default ->
            throw new BadInputException(
                "augmentation must be none, flip or crop-flip, got '" + name + "'");
      };
    }

    public String externalName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private Batches(
      ImageSet images,
      int batchSize,
      boolean training,
      long seed,
      int epoch,
      Augmentation augmentation) {
    if (batchSize < 1) {
      throw new BadInputException("batch size must be >= 1, got " + batchSize);
    }
    this.images = images;
    this.batchSize = batchSize;
    this.training = training;
    this.order = new int[images.count()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    this.rng = new SplitMix64(seed * 1_000_003L + epoch);
    this.pad = augmentation == Augmentation.CROP_FLIP ? Math.max(1, images.height() / 16) : 0;
    this.flip = augmentation != Augmentation.NONE;
    if (training) {
      rng.shuffle(order);
    }
  }

  public static Batches training(
      ImageSet images, int batchSize, long seed, int epoch, Augmentation augmentation) {
    return new Batches(images, batchSize, true, seed, epoch, augmentation);
  }

  public static Batches evaluation(ImageSet images, int batchSize) {
    return new Batches(images, batchSize, false, 0, 0, Augmentation.NONE);
  }

  /** Batches per epoch. */
  public static int stepsPerEpoch(int count, int batchSize) {
    return count / batchSize;
  }

  public boolean hasNext() {
    return training ? next + batchSize <= order.length : next < order.length;
  }

  /** The next batch; {@code pixels} has room for a full batch of images. */
  public int next(float[] pixels, int[] labels) {
    int n = Math.min(batchSize, order.length - next);
    int h = images.height();
    int w = images.width();
    int c = images.channels();
    byte[] src = images.pixels();
    for (int b = 0; b < n; b++) {
      int index = order[next + b];
      labels[b] = images.labels()[index];
      int base = index * h * w * c;
      int out = b * h * w * c;
      if (!training) {
        for (int i = 0; i < h * w * c; i++) {
          pixels[out + i] = src[base + i] & 0xff;
        }
        continue;
      }
      int dy = pad > 0 ? rng.nextInt(2 * pad + 1) - pad : 0;
      int dx = pad > 0 ? rng.nextInt(2 * pad + 1) - pad : 0;
      boolean flipped = flip && rng.nextInt(2) == 1;
      for (int y = 0; y < h; y++) {
        int sy = y + dy;
        for (int x = 0; x < w; x++) {
          int sx = (flipped ? w - 1 - x : x) + dx;
          int o = out + (y * w + x) * c;
          if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
            for (int k = 0; k < c; k++) {
              pixels[o + k] = 0;
            }
          } else {
            int s = base + (sy * w + sx) * c;
            for (int k = 0; k < c; k++) {
              pixels[o + k] = src[s + k] & 0xff;
            }
          }
        }
      }
    }
    next += n;
    return n;
  }
}
