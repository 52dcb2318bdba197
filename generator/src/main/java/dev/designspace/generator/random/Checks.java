package dev.designspace.generator.random;

import dev.designspace.generator.text.SpecNumbers;

/**
 * Validation of distribution parameters, each failure naming the offending field so that a spec
 * error can point at its line.
 */
final class Checks {
  private Checks() {}

  static void range(double low, double high, double q, boolean positiveLow) {
    if (!Double.isFinite(low)) {
      throw new InvalidDistributionException("low", "must be a finite number, got " + low);
    }
    if (!Double.isFinite(high)) {
      throw new InvalidDistributionException("high", "must be a finite number, got " + high);
    }
    if (!(q > 0) || !Double.isFinite(q)) {
      throw new InvalidDistributionException("q", "must be > 0, got " + SpecNumbers.format(q));
    }
    if (positiveLow && !(low > 0)) {
      throw new InvalidDistributionException(
          "low", "must be > 0 for this distribution, got " + SpecNumbers.format(low));
    }
    if (high < low) {
      throw new InvalidDistributionException(
          "high",
          "must be >= low (" + SpecNumbers.format(low) + "), got " + SpecNumbers.format(high));
    }
  }

  static void divisible(double low, double high, double q) {
    Quantum quantum = Quantum.of(q);
    if (!quantum.divides(low)) {
      throw new InvalidDistributionException(
          "low",
          "must be a multiple of q ("
              + SpecNumbers.format(q)
              + "), got "
              + SpecNumbers.format(low));
    }
    if (!quantum.divides(high)) {
      throw new InvalidDistributionException(
          "high",
          "must be a multiple of q ("
              + SpecNumbers.format(q)
              + "), got "
              + SpecNumbers.format(high));
    }
  }

  static void powersOfTwo(double low, double high, double q) {
    if (!isPowerOfTwo(low)) {
      throw new InvalidDistributionException(
          "low", "must be a power of two, got " + SpecNumbers.format(low));
    }
    if (!isPowerOfTwo(high)) {
      throw new InvalidDistributionException(
          "high", "must be a power of two, got " + SpecNumbers.format(high));
    }
    if (!isPowerOfTwo(q)) {
      throw new InvalidDistributionException(
          "q", "must be a power of two, got " + SpecNumbers.format(q));
    }
  }

  static boolean isPowerOfTwo(double x) {
    return x > 0 && Double.isFinite(x) && x == Math.scalb(1.0, Math.getExponent(x));
  }

  static boolean isInteger(double x) {
    return Double.isFinite(x) && x == Math.rint(x);
  }
}
