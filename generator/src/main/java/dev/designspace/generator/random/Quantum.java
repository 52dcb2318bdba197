package dev.designspace.generator.random;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A quantisation step q and exact multiples of it: {@code k * q} is computed like pycls's {@code
 * Decimal(k) * Decimal(str(q))}, the double nearest the exact decimal product, so that 364 * 0.1
 * gives 36.4 and not 36.400000000000006.
 */
public final class Quantum {
  private static final Map<Double, Quantum> CACHE = new ConcurrentHashMap<>();

  private final double q;
  private final double numerator;
  private final double denominator;
  private final boolean exact;

  public Quantum(double q) {
    if (!(q > 0) || Double.isInfinite(q)) {
      throw new IllegalArgumentException("q must be > 0, got " + q);
    }
    this.q = q;
    BigDecimal d = new BigDecimal(Double.toString(q)).stripTrailingZeros();
    int scale = Math.max(0, d.scale());
    BigDecimal unscaled = d.movePointRight(scale);
    // k * m / 10^s is correctly rounded when k * m and 10^s are exact doubles; else use BigDecimal.
    this.exact = scale <= 22 && unscaled.abs().compareTo(BigDecimal.valueOf(1L << 53)) < 0;
    this.numerator = unscaled.doubleValue();
    this.denominator = Math.pow(10, scale);
  }

  /** The quantum for q, shared: draws call this on every sample. */
  public static Quantum of(double q) {
    Quantum cached = CACHE.get(q);
    if (cached == null) {
      cached = new Quantum(q);
      if (CACHE.size() < 1024) {
        CACHE.put(q, cached);
      }
    }
    return cached;
  }

  public double value() {
    return q;
  }

  /** The double nearest to the exact decimal k * q. */
  public double times(double k) {
    double product = k * numerator;
    if (exact && k == Math.rint(k) && Math.abs(product) < 0x1.0p53) {
      return product / denominator;
    }
    return new BigDecimal(k).multiply(new BigDecimal(Double.toString(q))).doubleValue();
  }

  /**
   * k * q with k first clamped to the multiples of q within [low, high], so that rounding a draw at
   * either end never leaves the interval (the small slack absorbs the error of low / q).
   */
  public double timesWithin(double k, double low, double high) {
    double kLow = Math.ceil(low / q - 1e-9);
    double kHigh = Math.floor(high / q + 1e-9);
    return times(Math.max(kLow, Math.min(kHigh, k)));
  }

  /** Whether x (as written in decimal) is an exact multiple of q. */
  public boolean divides(double x) {
    BigDecimal r = new BigDecimal(Double.toString(x)).remainder(new BigDecimal(Double.toString(q)));
    return r.signum() == 0;
  }
}
