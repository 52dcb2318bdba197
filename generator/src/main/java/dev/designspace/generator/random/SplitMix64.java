package dev.designspace.generator.random;

/**
 * SplitMix64 (Steele, Lea and Flood 2014): a small, fast generator whose whole state is one long.
 * Written out here rather than taken from {@code java.util} so that a seed gives the same stream on
 * every JDK, forever.
 */
public final class SplitMix64 {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  public SplitMix64(long seed) {
    this.state = seed;
  }

  public long nextLong() {
    long z = (state += GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound), without modulo bias. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    long limit = Long.remainderUnsigned(-1L, bound);
    while (true) {
      long bits = nextLong();
      if (Long.compareUnsigned(bits, -1L - limit) <= 0) {
        return (int) Long.remainderUnsigned(bits, bound);
      }
    }
  }

  /**
   * Shuffles {@code values} in place (Fisher-Yates, last position first), so that one seed gives
   * one order on every machine.
   */
  public void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  /** Standard normal by Box-Muller (one value per call; both uniforms are consumed). */
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
    double u2 = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }
}
