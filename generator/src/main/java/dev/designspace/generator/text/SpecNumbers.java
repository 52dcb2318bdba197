package dev.designspace.generator.text;

/**
 * Numbers in messages written the way a spec writes them: 8 rather than 8.0, 36.44 as is. Spec,
 * distribution, sampling and emission messages all quote spec values, so it sits below all of them.
 */
public final class SpecNumbers {
  private SpecNumbers() {}

  public static String format(double x) {
    if (Double.isFinite(x) && x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return Double.toString(x);
  }
}
