package dev.designspace.model;

/**
 * The RegNet parameters (paper section 4): depth d, initial width w0, slope wa, width multiplier
 * wm, and per-network group width g and bottleneck ratio b.
 */
public record RegNetParams(
    int depth, double w0, double wa, double wm, int groupWidth, double bottleneckRatio) {

  /** Block widths are quantised to multiples of this (pycls q = 8). */
  public static final int QUANTUM = 8;

  public RegNetParams {
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be >= 1, got " + depth);
    }
    if (!(w0 > 0) || w0 % QUANTUM != 0) {
      throw new IllegalArgumentException("w0 must be a positive multiple of 8, got " + w0);
    }
    if (!(wa >= 0) || Double.isInfinite(wa)) {
      throw new IllegalArgumentException("wa must be >= 0, got " + wa);
    }
    if (!(wm > 1) || Double.isInfinite(wm)) {
      throw new IllegalArgumentException("wm must be > 1, got " + wm);
    }
    if (groupWidth < 1) {
      throw new IllegalArgumentException("group width must be >= 1, got " + groupWidth);
    }
    Stage.checkBottleneckRatio(bottleneckRatio);
  }
}
