package dev.designspace.generator.space;

/**
 * An inclusive range whose ends may be open.
 *
 * @param min lower bound or null for none
 * @param max upper bound or null for none
 */
public record Bound(Double min, Double max) {
  public static final Bound UNBOUNDED = new Bound(null, null);

  public Bound {
    if (min != null && max != null && max < min) {
      throw new IllegalArgumentException("upper bound " + max + " is below lower bound " + min);
    }
  }

  public boolean contains(double value) {
    return (min == null || value >= min) && (max == null || value <= max);
  }

  public boolean isUnbounded() {
    return min == null && max == null;
  }
}
