package dev.designspace.generator.random;

import java.util.List;

/**
 * A distribution over numbers, as in pycls's sweep samplers (docs/algorithms.md, "Distributions").
 * Every quantised distribution samples the closed interval [low, high] in steps of q.
 */
public sealed interface Distribution
    permits Distribution.Uniform,
        Distribution.LogUniform,
        Distribution.Power2Uniform,
        Distribution.Power2OrLogUniform,
        Distribution.Normal,
        Distribution.LogNormal,
        Distribution.Choice {

  /** One draw. */
  double draw(SplitMix64 rng);

  /** The {@code dist:} name in specs. */
  String specName();

  /** Smallest value a draw can take. */
  double min();

  /** Largest value a draw can take. */
  double max();

  /** Whether every draw is an integer. */
  boolean integral();

  /** Uniform over the multiples of q in [low, high], each with probability q / (high - low + q). */
  record Uniform(double low, double high, double q) implements Distribution {
    public Uniform {
      Checks.range(low, high, q, false);
      Checks.divisible(low, high, q);
    }

    @Override
    public double draw(SplitMix64 rng) {
      return Checks.uniform(rng, low, high, q);
    }

    @Override
    public String specName() {
      return "uniform";
    }

    @Override
    public double min() {
      return low;
    }

    @Override
    public double max() {
      return high;
    }

    @Override
    public boolean integral() {
      return Checks.isInteger(q) && Checks.isInteger(low);
    }
  }

  /**
   * Log-uniform on (low - q*, high] with q* = min(q, low / 2), rounded up to a multiple of q: the
   * lowest value collects the extra mass log(low / (low - q*)).
   */
  record LogUniform(double low, double high, double q) implements Distribution {
    public LogUniform {
      Checks.range(low, high, q, true);
      Checks.divisible(low, high, q);
    }

    @Override
    public double draw(SplitMix64 rng) {
      return Checks.logUniform(rng, low, high, q);
    }

    @Override
    public String specName() {
      return "log_uniform";
    }

    @Override
    public double min() {
      return low;
    }

    @Override
    public double max() {
      return high;
    }

    @Override
    public boolean integral() {
      return Checks.isInteger(q) && Checks.isInteger(low);
    }
  }

  /** Each power of two in [low, high] equally likely, then floored to a multiple of q. */
  record Power2Uniform(double low, double high, double q) implements Distribution {
    public Power2Uniform {
      Checks.range(low, high, q, true);
      Checks.powersOfTwo(low, high, q);
    }

    @Override
    public double draw(SplitMix64 rng) {
      return Checks.power2Uniform(rng, low, high, q);
    }

    @Override
    public String specName() {
      return "power2_uniform";
    }

    @Override
    public double min() {
      return Math.max(low, q);
    }

    @Override
    public double max() {
      return high;
    }

    @Override
    public boolean integral() {
      return Checks.isInteger(q) && Checks.isInteger(low);
    }
  }

  /**
   * Powers of two below q, log-uniform multiples of q from q up: {@code power2_uniform(low, high,
   * low)}, replaced by {@code log_uniform(max(low, q), high, min(high, q))} when it is at least q.
   */
  record Power2OrLogUniform(double low, double high, double q) implements Distribution {
    public Power2OrLogUniform {
      Checks.range(low, high, q, true);
      Checks.powersOfTwo(low, high, q);
    }

    @Override
    public double draw(SplitMix64 rng) {
      double f = Checks.power2Uniform(rng, low, high, low);
      if (f >= q) {
        return Checks.logUniform(rng, Math.max(low, q), high, Math.min(high, q));
      }
      return f;
    }

    @Override
    public String specName() {
      return "power2_or_log_uniform";
    }

    @Override
    public double min() {
      return low;
    }

    @Override
    public double max() {
      return high;
    }

    @Override
    public boolean integral() {
      return Checks.isInteger(q) && Checks.isInteger(low);
    }
  }

  /**
   * Normal with mean (low + high) / 2 and sd (high - low) / 6, redrawn until in [low, high], then
   * rounded half to even to a multiple of q.
   */
  record Normal(double low, double high, double q) implements Distribution {
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
      return Checks.roundTo(f, low, high, q);
    }

    @Override
    public String specName() {
      return "normal";
    }

    @Override
    public double min() {
      return low;
    }

    @Override
    public double max() {
      return high;
    }

    @Override
    public boolean integral() {
      return Checks.isInteger(q) && Checks.isInteger(low);
    }
  }

  /** Log-normal with the log-mean and log-sd of [low, high] / 6, redrawn until in range. */
  record LogNormal(double low, double high, double q) implements Distribution {
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
      return Checks.roundTo(f, low, high, q);
    }

    @Override
    public String specName() {
      return "log_normal";
    }

    @Override
    public double min() {
      return low;
    }

    @Override
    public double max() {
      return high;
    }

    @Override
    public boolean integral() {
      return Checks.isInteger(q) && Checks.isInteger(low);
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
    public String specName() {
      return "choice";
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
