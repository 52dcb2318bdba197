package dev.designspace.runtime.report;

import java.awt.Color;

/**
 * The colour of each design space, by its place in the report: the same space has the same colour
 * in every figure. Okabe and Ito's colour-blind-safe set (without its yellow, too faint on white).
 */
final class Palette {
  private static final Color[] COLOURS = {
    new Color(0x00, 0x72, 0xB2), // blue
    new Color(0xD5, 0x5E, 0x00), // vermillion
    new Color(0x00, 0x9E, 0x73), // bluish green
    new Color(0xCC, 0x79, 0xA7), // reddish purple
    new Color(0xE6, 0x9F, 0x00), // orange
    new Color(0x56, 0xB4, 0xE9), // sky blue
    new Color(0x33, 0x33, 0x33) // near black
  };

  private Palette() {}

  /** The colour of the space at {@code index} (0-based, in the order the report lists them). */
  static Color of(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("a space's index is 0 or more, not " + index);
    }
    return COLOURS[index % COLOURS.length];
  }

  static int size() {
    return COLOURS.length;
  }
}
