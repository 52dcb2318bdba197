package dev.designspace.generator.random;

import java.util.List;

/**
 * A distribution over numbers, as in pycls's sweep samplers (docs/algorithms.md, "Distributions").
 * Every {@link Quantized} distribution samples the closed interval [low, high] in steps of q; a
 * {@link Choice} picks one of its values. Each kind's name is in {@link DistributionKind}.
 */
public sealed interface Distribution permits Distribution.Quantized, Distribution.Choice {

  /** One draw. */
  double draw(SplitMix64 rng);

  DistributionKind kind();

  /** The {@code dist:} name in specs. */
  default String externalName() {
    return kind().externalName();
  }

  /** Smallest value a draw can take. */
  double min();

  /** Largest value a draw can take. */
  double max();

  /** Whether every draw is an integer. */
  boolean integral();

  /** A distribution over [low, high] in steps of q: what the six pycls samplers share. */
  sealed interface Quantized extends Distribution
      permits Uniform, LogUniform, Power2Uniform, Power2OrLogUniform, Normal, LogNormal {
    double low();

    double high();

    double q();

    @Override
    default double min() {
      return low();
    }

    @Override
    default double max() {
      return high();
    }

    @Override
    default boolean integral() {
      return Checks.isInteger(q()) && Checks.isInteger(low());
    }

    /** A step every draw is a multiple of. */
    default double step() {
      return q();
    }
  }

  /** Uniform over the multiples of q in [low, high], each with probability q / (high - low + q). */
  record Uniform(double low, double high, double q) implements Quantized {
    public Uniform {
      Checks.range(low, high, q, false);
      Checks.divisible(low, high, q);
    }

    /** f ~ U[low, high + q), floored to a multiple of q. */
    @Override
    public double draw(SplitMix64 rng) {
      double f = low + (high + q - low) * rng.nextDouble();
      return Quantum.of(q).timesWithin(Math.floor(f / q), low, high);
    }

    @Override
    public DistributionKind kind() {
      return DistributionKind.UNIFORM;
    }
  }

  /**
   * Log-uniform on (low - q*, high] with q* = min(q, low / 2), rounded up to a multiple of q: the
   * lowest value collects the extra mass log(low / (low - q*)).
   */
  record LogUniform(double low, double high, double q) implements Quantized {
    public LogUniform {
      Checks.range(low, high, q, true);
      Checks.divisible(low, high, q);
    }

    @Override
    public double draw(SplitMix64 rng) {
      return drawFrom(rng, low, high, q);
    }

    /** f = exp(-U[-ln high, -ln(low - q*))), rounded up to a multiple of q. */
    static double drawFrom(SplitMix64 rng, double low, double high, double q) {
      double qStar = Math.min(q, low / 2);
      double a = -StrictMath.log(high);
      double b = -StrictMath.log(low - qStar);
      double f = StrictMath.exp(-(a + (b - a) * rng.nextDouble()));
      return Quantum.of(q).timesWithin(Math.ceil(f / q), low, high);
    }

    @Override
    public DistributionKind kind() {
      return DistributionKind.LOG_UNIFORM;
    }
  }

  /** Each power of two in [low, high] equally likely, then floored to a multiple of q. */
  record Power2Uniform(double low, double high, double q) implements Quantized {
    public Power2Uniform {
      Checks.range(low, high, q, true);
      Checks.powersOfTwo(low, high, q);
    }

    @Override
    public double draw(SplitMix64 rng) {
      return drawFrom(rng, low, high, q);
    }

    /** 2^e with e = floor(U[log2 low, log2 high + 1)), floored to a multiple of q. */
    static double drawFrom(SplitMix64 rng, double low, double high, double q) {
      int eLow = Math.getExponent(low);
      int eHigh = Math.getExponent(high);
      int e = eLow + (int) Math.floor((eHigh + 1 - eLow) * rng.nextDouble());
      e = Math.min(e, eHigh);
      double f = Math.scalb(1.0, e);
      return Quantum.of(q).times(Math.floor(f / q));
    }

    /** low itself, unless q is above low: then the powers of two below q floor to 0. */
    @Override
    public double min() {
      return Quantum.of(q).times(Math.floor(low / q));
    }

    @Override
    public double step() {
      return Math.max(q, low);
    }

    @Override
    public DistributionKind kind() {
      return DistributionKind.POWER2_UNIFORM;
    }
  }

  /**
   * Powers of two below q, log-uniform multiples of q from q up: {@code power2_uniform(low, high,
   * low)}, replaced by {@code log_uniform(max(low, q), high, min(high, q))} when it is at least q.
   */
  record Power2OrLogUniform(double low, double high, double q) implements Quantized {
    public Power2OrLogUniform {
      Checks.range(low, high, q, true);
      Checks.powersOfTwo(low, high, q);
    }

    @Override
    public double draw(SplitMix64 rng) {
      double f = Power2Uniform.drawFrom(rng, low, high, low);
      if (f >= q) {
        return LogUniform.drawFrom(rng, Math.max(low, q), high, Math.min(high, q));
      }
      return f;
    }

    /** Powers of two at or above low below q, multiples of q above: both are multiples of this. */
    @Override
    public double step() {
      return Math.min(q, low);
    }

    @Override
    public DistributionKind kind() {
      return DistributionKind.POWER2_OR_LOG_UNIFORM;
    }
  }

  /**
   * Normal with mean (low + high) / 2 and sd (high - low) / 6, redrawn until in [low, high], then
   * rounded half to even to a multiple of q.
   */
  record Normal(double low, double high, double q) implements Quantized {
    public Normal {
      Checks.range(low, high, q, false);
      Checks.divisible(low, high, q);
    }

    @Override
    public double draw(SplitMix64 rng) {
      double mu = (low + high) / 2;
      double sigma = (high - low) / 6;
      double f;
      do {
        f = mu + sigma * rng.nextGaussian();
      } while (f < low || f > high);
      return Quantum.of(q).timesWithin(Math.rint(f / q), low, high);
    }

    @Override
    public DistributionKind kind() {
      return DistributionKind.NORMAL;
    }
  }

  /** Log-normal with the log-mean and log-sd of [low, high] / 6, redrawn until in range. */
  record LogNormal(double low, double high, double q) implements Quantized {
    public LogNormal {
      Checks.range(low, high, q, true);
      Checks.divisible(low, high, q);
    }

    @Override
    public double draw(SplitMix64 rng) {
      double logLow = StrictMath.log(low);
      double logHigh = StrictMath.log(high);
      double mu = (logLow + logHigh) / 2;
      double sigma = (logHigh - logLow) / 6;
      double f;
      do {
        f = StrictMath.exp(mu + sigma * rng.nextGaussian());
      } while (f < low || f > high);
      return Quantum.of(q).timesWithin(Math.rint(f / q), low, high);
    }

    @Override
    public DistributionKind kind() {
      return DistributionKind.LOG_NORMAL;
    }
  }

  /** One of the listed values, each equally likely. */
  record Choice(List<Double> values) implements Distribution {
    public Choice {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new InvalidDistributionException("values", "must list at least one value");
      }
      for (double v : values) {
        if (!Double.isFinite(v)) {
          throw new InvalidDistributionException("values", "must be finite numbers, got " + v);
        }
      }
    }

    @Override
    public double draw(SplitMix64 rng) {
      return values.size() == 1 ? values.get(0) : values.get(rng.nextInt(values.size()));
    }

    @Override
    public DistributionKind kind() {
      return DistributionKind.CHOICE;
    }

    @Override
    public double min() {
      return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    @Override
    public double max() {
      return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    @Override
    public boolean integral() {
      return values.stream().allMatch(Checks::isInteger);
    }
  }
}
