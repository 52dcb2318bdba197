package dev.designspace.generator.random;

import dev.designspace.generator.tool.SpecNumbers;

/** Validation and the draw arithmetic shared by the distributions (pycls {@code random.py}). */
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

  /** f ~ U[low, high + q), floored to a multiple of q. */
  static double uniform(SplitMix64 rng, double low, double high, double q) {
    double f = low + (high + q - low) * rng.nextDouble();
    double k = clampK(Math.floor(f / q), low, high, q);
    return Quantum.of(q).times(k);
  }

  /** f = exp(-U[-ln high, -ln(low - q*))) in (low - q*, high], rounded up to a multiple of q. */
  static double logUniform(SplitMix64 rng, double low, double high, double q) {
    double qStar = Math.min(q, low / 2);
    double a = -StrictMath.log(high);
    double b = -StrictMath.log(low - qStar);
    double f = StrictMath.exp(-(a + (b - a) * rng.nextDouble()));
    double k = clampK(Math.ceil(f / q), low, high, q);
    return Quantum.of(q).times(k);
  }

  /** 2^e with e = floor(U[log2 low, log2 high + 1)), floored to a multiple of q. */
  static double power2Uniform(SplitMix64 rng, double low, double high, double q) {
    int eLow = Math.getExponent(low);
    int eHigh = Math.getExponent(high);
    int e = eLow + (int) Math.floor((eHigh + 1 - eLow) * rng.nextDouble());
    e = Math.min(e, eHigh);
    double f = Math.scalb(1.0, e);
    return Quantum.of(q).times(Math.floor(f / q));
  }

  /** Round half to even to a multiple of q, kept within [low, high]. */
  static double roundTo(double f, double low, double high, double q) {
    double k = clampK(Math.rint(f / q), low, high, q);
    return Quantum.of(q).times(k);
  }

  private static double clampK(double k, double low, double high, double q) {
    double kLow = Math.ceil(low / q - 1e-9);
    double kHigh = Math.floor(high / q + 1e-9);
    return Math.max(kLow, Math.min(kHigh, k));
  }
}
