package dev.designspace.model;

/**
 * One stage: {@code depth} blocks of output width {@code width}; the first block has stride {@code
 * stride}, the others stride 1.
 *
 * @param bottleneckRatio the paper's b (block width over bottleneck width); 1 for v and r blocks
 * @param groupWidth channels per group of the 3x3 conv; for v and r blocks the full width (a dense
 *     conv is one group)
 */
public record Stage(int depth, int width, int stride, double bottleneckRatio, int groupWidth) {

  public Stage {
    if (depth < 1) {
      throw new IllegalArgumentException("stage depth must be >= 1, got " + depth);
    }
    if (width < 1) {
      throw new IllegalArgumentException("stage width must be >= 1, got " + width);
    }
    if (stride < 1) {
      throw new IllegalArgumentException("stage stride must be >= 1, got " + stride);
    }
    if (!(bottleneckRatio > 0) || Double.isInfinite(bottleneckRatio)) {
      throw new IllegalArgumentException("bottleneck ratio must be > 0, got " + bottleneckRatio);
    }
    if (groupWidth < 1) {
      throw new IllegalArgumentException("group width must be >= 1, got " + groupWidth);
    }
  }

  /** pycls's bottleneck multiplier {@code bot_mul = 1 / b}. */
  public double bottleneckMultiplier() {
    return 1.0 / bottleneckRatio;
  }

  /** Width of the bottleneck (the 3x3 group conv): {@code round_half_even(width * bot_mul)}. */
  public int bottleneckWidth() {
    return bottleneckWidth(width, bottleneckRatio);
  }

  /** pycls's {@code w_b = int(round(w * bot_mul))}; Python rounds half to even, as rint does. */
  public static int bottleneckWidth(int width, double bottleneckRatio) {
    return (int) Math.rint(width * (1.0 / bottleneckRatio));
  }

  /** Number of groups of the 3x3 conv of a bottleneck block. */
  public int groups() {
    return bottleneckWidth() / groupWidth;
  }

  /**
   * pycls requires the bottleneck multiplier 1/b to be below 1 or an integer: b > 1 is a
   * bottleneck, b = 1/k an inverted bottleneck with integer expansion k.
   */
  public static void checkBottleneckRatio(double b) {
    if (!(b > 0) || Double.isInfinite(b)) {
      throw new IllegalArgumentException("bottleneck ratio must be > 0, got " + b);
    }
    double botMul = 1.0 / b;
    if (botMul > 1 && botMul != Math.rint(botMul)) {
      throw new IllegalArgumentException(
          "bottleneck ratio below 1 must be 1/k for an integer k (an inverted bottleneck), got "
              + b);
    }
  }
}
