package dev.designspace.generator.spec;

/**
 * The largest values a spec may hold, checked where each number is read. They are far above any
 * network this tool is for (the widest RegNet stage has 3,712 channels, the deepest zoo model 27
 * blocks) and low enough that a mistyped number is refused at its line rather than surfacing as an
 * overflow or a nonsensical network deep inside sampling or counting.
 */
public final class SpecLimits {
  private SpecLimits() {}

  /** An inclusive range of a whole number, with the reason for its upper end. */
  public record IntRange(int min, int max, String why) {
    public boolean contains(long value) {
      return value >= min && value <= max;
    }

    /** The range as messages show it, e.g. {@code 1..4096}. */
    @Override
    public String toString() {
      return min + ".." + max;
    }
  }

  static final String WIDTH_WHY =
      "channel counts above 16384 are beyond any network this tool builds";
  static final int MAX_WIDTH = 16_384;
  static final IntRange WIDTH = new IntRange(1, MAX_WIDTH, WIDTH_WHY);
  static final IntRange HEAD_WIDTH = new IntRange(0, MAX_WIDTH, WIDTH_WHY + " (0: no head conv)");

  /** A spec's {@code network.input.size}, and the range command-line overrides must keep to. */
  public static final IntRange INPUT_SIZE =
      new IntRange(1, 4096, "inputs are square images of at most 4096 pixels a side");

  /** A spec's {@code network.classes}, and the range command-line overrides must keep to. */
  public static final IntRange CLASSES =
      new IntRange(1, 1_000_000, "a classifier head of more than a million classes");

  static final int MAX_DEPTH = 1024;
  static final IntRange DEPTH =
      new IntRange(1, MAX_DEPTH, "more than 1024 blocks is beyond any network this tool builds");
  static final IntRange STRIDE =
      new IntRange(1, 16, "a stage stride above 16 discards most of the image");
  static final IntRange STAGES =
      new IntRange(1, 16, "more than 16 stages cannot keep a stride of 2 on any input");

  /** RegNet's width multiplier; the paper samples 1.5 to 3. */
  static final double MAX_WM = 16;

  /**
   * Bottleneck ratios b in [1/64, 64]: a larger b leaves bottlenecks of a channel or two, and a
   * smaller 1/k multiplies widths by k (the paper uses b of 1, 2 and 4; inverted bottlenecks 1/4 to
   * 1/6).
   */
  static final double MAX_BOTTLENECK_RATIO = 64;

  static final double MIN_BOTTLENECK_RATIO = 1.0 / 64;
}
