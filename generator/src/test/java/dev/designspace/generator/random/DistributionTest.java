package dev.designspace.generator.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/**
 * Each distribution's observed frequencies against its exact probabilities (pycls semantics,
 * docs/algorithms.md, "Distributions"), by a chi-square goodness-of-fit test at p > 0.001 on a
 * fixed seed.
 */
class DistributionTest {
  private static final int DRAWS = 200_000;

  /** Observed counts per value, from a fixed seed. */
  private static TreeMap<Double, Long> histogram(Distribution d, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    TreeMap<Double, Long> counts = new TreeMap<>();
    for (int i = 0; i < DRAWS; i++) {
      counts.merge(d.draw(rng), 1L, Long::sum);
    }
    return counts;
  }

  /** Chi-square p-value of the observed histogram against exact probabilities. */
  private static double pValue(Map<Double, Double> exact, TreeMap<Double, Long> observed) {
    assertThat(observed.keySet()).as("support").isSubsetOf(exact.keySet());
    double total = exact.values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(total).as("probabilities sum to 1").isCloseTo(1.0, within(1e-9));
    double[] expected = new double[exact.size()];
    long[] counts = new long[exact.size()];
    int i = 0;
    for (Map.Entry<Double, Double> e : exact.entrySet()) {
      expected[i] = e.getValue() * DRAWS;
      assertThat(expected[i]).as("expected count of %s", e.getKey()).isGreaterThan(5);
      counts[i] = observed.getOrDefault(e.getKey(), 0L);
      i++;
    }
    return new ChiSquareTest().chiSquareTest(expected, counts);
  }

  @Test
  void uniformGivesEachMultipleOfQTheSameMass() {
    Distribution d = new Distribution.Uniform(12, 28, 1);
    Map<Double, Double> exact = new LinkedHashMap<>();
    for (int v = 12; v <= 28; v++) {
      exact.put((double) v, 1.0 / 17);
    }
    assertThat(pValue(exact, histogram(d, 1))).isGreaterThan(0.001);
  }

  @Test
  void uniformWithDecimalQuantum() {
    Distribution d = new Distribution.Uniform(0.5, 1.5, 0.1);
    Map<Double, Double> exact = new LinkedHashMap<>();
    for (int k = 5; k <= 15; k++) {
      exact.put(new Quantum(0.1).times(k), 1.0 / 11);
    }
    assertThat(pValue(exact, histogram(d, 2))).isGreaterThan(0.001);
  }

  /**
   * log_uniform(l, h, q): mass ln(v / (v - q)) / ln(h / (l - q*)), the lowest value ln(l / (l -
   * q*)).
   */
  private static Map<Double, Double> logUniformExact(double l, double h, double q, double weight) {
    double qStar = Math.min(q, l / 2);
    double total = Math.log(h / (l - qStar));
    Map<Double, Double> exact = new LinkedHashMap<>();
    Quantum quantum = new Quantum(q);
    long kLow = Math.round(l / q);
    long kHigh = Math.round(h / q);
    for (long k = kLow; k <= kHigh; k++) {
      double v = quantum.times(k);
      double lower = k == kLow ? l - qStar : v - q;
      exact.put(v, weight * Math.log(v / lower) / total);
    }
    return exact;
  }

  @Test
  void logUniformMatchesExactMassIncludingTheLowestBucket() {
    Distribution d = new Distribution.LogUniform(8, 256, 8);
    Map<Double, Double> exact = logUniformExact(8, 256, 8, 1);
    TreeMap<Double, Long> observed = histogram(d, 3);
    assertThat(pValue(exact, observed)).isGreaterThan(0.001);
    // the reference's example: P(8) ~ P(16) ~ 0.17, P(24) ~ 0.098, P(32) ~ 0.067
    assertThat(exact.get(8.0)).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(exact.get(16.0)).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(observed.get(8.0) / (double) DRAWS).isCloseTo(0.1667, within(0.004));
    assertThat(observed.get(24.0) / (double) DRAWS).isCloseTo(0.0975, within(0.004));
    assertThat(observed.get(32.0) / (double) DRAWS).isCloseTo(0.0692, within(0.004));
  }

  @Test
  void logUniformWithSmallQuantumBelowHalfLow() {
    // depth-like: log_uniform(1, 16, 1) has q* = 0.5, so the value 1 covers (0.5, 1]
    Distribution d = new Distribution.LogUniform(1, 16, 1);
    assertThat(pValue(logUniformExact(1, 16, 1, 1), histogram(d, 4))).isGreaterThan(0.001);
  }

  @Test
  void logUniformOfRealValues() {
    Distribution d = new Distribution.LogUniform(2.0, 3.0, 0.05);
    TreeMap<Double, Long> observed = histogram(d, 5);
    assertThat(pValue(logUniformExact(2.0, 3.0, 0.05, 1), observed)).isGreaterThan(0.001);
    assertThat(observed.keySet()).contains(2.05, 2.95, 3.0);
  }

  @Test
  void power2UniformGivesEachPowerOfTwoTheSameMass() {
    Distribution d = new Distribution.Power2Uniform(1, 64, 1);
    Map<Double, Double> exact = new LinkedHashMap<>();
    for (int e = 0; e <= 6; e++) {
      exact.put(Math.pow(2, e), 1.0 / 7);
    }
    assertThat(pValue(exact, histogram(d, 6))).isGreaterThan(0.001);
  }

  @Test
  void power2UniformFloorsToTheQuantum() {
    // each power of two in [4, 16] is already a multiple of q = 4
    Distribution d = new Distribution.Power2Uniform(4, 16, 4);
    Map<Double, Double> exact = Map.of(4.0, 1.0 / 3, 8.0, 1.0 / 3, 16.0, 1.0 / 3);
    assertThat(pValue(new TreeMap<>(exact), histogram(d, 7))).isGreaterThan(0.001);
  }

  @Test
  void power2OrLogUniformSplitsAtQ() {
    // (1, 32, 8): 1, 2, 4 at 1/6 each; the other half log-uniform over multiples of 8 in (4, 32]
    Distribution d = new Distribution.Power2OrLogUniform(1, 32, 8);
    Map<Double, Double> exact = new TreeMap<>();
    exact.put(1.0, 1.0 / 6);
    exact.put(2.0, 1.0 / 6);
    exact.put(4.0, 1.0 / 6);
    exact.putAll(logUniformExact(8, 32, 8, 0.5));
    TreeMap<Double, Long> observed = histogram(d, 8);
    assertThat(pValue(exact, observed)).isGreaterThan(0.001);
    assertThat(exact.get(8.0)).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(exact.get(16.0)).isCloseTo(1.0 / 6, within(1e-12));
  }

  /** Mass of each multiple of q under a distribution truncated to [l, h], from its CDF. */
  private static Map<Double, Double> truncatedExact(
      double l, double h, double q, DoubleUnaryOperator cdf) {
    Map<Double, Double> exact = new LinkedHashMap<>();
    double z = cdf.applyAsDouble(h) - cdf.applyAsDouble(l);
    Quantum quantum = new Quantum(q);
    for (long k = Math.round(l / q); k <= Math.round(h / q); k++) {
      double v = quantum.times(k);
      double lower = Math.max(l, v - q / 2);
      double upper = Math.min(h, v + q / 2);
      exact.put(v, (cdf.applyAsDouble(upper) - cdf.applyAsDouble(lower)) / z);
    }
    return exact;
  }

  @Test
  void normalIsTruncatedToTheRangeAndRoundedToQ() {
    Distribution d = new Distribution.Normal(0, 12, 1);
    NormalDistribution n = new NormalDistribution(6, 2);
    Map<Double, Double> exact = truncatedExact(0, 12, 1, n::cumulativeProbability);
    exact.entrySet().removeIf(e -> e.getValue() * DRAWS < 6);
    TreeMap<Double, Long> observed = histogram(d, 9);
    observed.keySet().removeIf(v -> !exact.containsKey(v));
    double kept = exact.values().stream().mapToDouble(Double::doubleValue).sum();
    exact.replaceAll((v, p) -> p / kept);
    long keptDraws = observed.values().stream().mapToLong(Long::longValue).sum();
    assertThat(keptDraws).isGreaterThan(DRAWS * 99L / 100);
    // rescale observed to DRAWS so the helper's expected counts line up
    TreeMap<Double, Long> scaled = new TreeMap<>();
    observed.forEach((v, c) -> scaled.put(v, Math.round(c * (double) DRAWS / keptDraws)));
    assertThat(pValue(exact, scaled)).isGreaterThan(0.001);
  }

  @Test
  void logNormalIsTruncatedToTheRangeAndRoundedToQ() {
    Distribution d = new Distribution.LogNormal(8, 128, 8);
    double mu = (Math.log(8) + Math.log(128)) / 2;
    double sigma = (Math.log(128) - Math.log(8)) / 6;
    NormalDistribution n = new NormalDistribution(mu, sigma);
    Map<Double, Double> exact =
        truncatedExact(8, 128, 8, x -> n.cumulativeProbability(Math.log(x)));
    assertThat(pValue(exact, histogram(d, 10))).isGreaterThan(0.001);
  }

  @Test
  void choiceIsUniformOverItsValues() {
    Distribution d = new Distribution.Choice(List.of(1.0, 2.0, 4.0, 8.0, 16.0, 32.0));
    Map<Double, Double> exact = new LinkedHashMap<>();
    for (double v : List.of(1.0, 2.0, 4.0, 8.0, 16.0, 32.0)) {
      exact.put(v, 1.0 / 6);
    }
    assertThat(pValue(exact, histogram(d, 11))).isGreaterThan(0.001);
  }

  @Test
  void sameSeedSameDrawsDifferentSeedDifferentDraws() {
    Distribution d = new Distribution.LogUniform(8, 1024, 8);
    SplitMix64 a = new SplitMix64(99);
    SplitMix64 b = new SplitMix64(99);
    SplitMix64 c = new SplitMix64(100);
    double[] xa = new double[50];
    double[] xc = new double[50];
    for (int i = 0; i < 50; i++) {
      xa[i] = d.draw(a);
      assertThat(d.draw(b)).isEqualTo(xa[i]);
      xc[i] = d.draw(c);
    }
    assertThat(xc).isNotEqualTo(xa);
  }

  @Test
  void splitMix64ProducesTheReferenceStream() {
    // first outputs of SplitMix64 seeded with 0 (Vigna's reference implementation)
    SplitMix64 rng = new SplitMix64(0);
    assertThat(rng.nextLong()).isEqualTo(0xe220a8397b1dcdafL);
    assertThat(rng.nextLong()).isEqualTo(0x6e789e6aa1b965f4L);
    assertThat(rng.nextLong()).isEqualTo(0x06c45d188009454fL);
  }

  @Test
  void invalidParametersNameTheField() {
    assertThatThrownBy(() -> new Distribution.Uniform(5, 1, 1))
        .isInstanceOfSatisfying(
            InvalidDistributionException.class, e -> assertThat(e.field()).isEqualTo("high"))
        .hasMessage("must be >= low (5), got 1");
    assertThatThrownBy(() -> new Distribution.LogUniform(0, 16, 1))
        .isInstanceOfSatisfying(
            InvalidDistributionException.class, e -> assertThat(e.field()).isEqualTo("low"))
        .hasMessage("must be > 0 for this distribution, got 0");
    assertThatThrownBy(() -> new Distribution.Uniform(1, 10, 0))
        .isInstanceOfSatisfying(
            InvalidDistributionException.class, e -> assertThat(e.field()).isEqualTo("q"));
    assertThatThrownBy(() -> new Distribution.LogUniform(12, 256, 8))
        .isInstanceOfSatisfying(
            InvalidDistributionException.class, e -> assertThat(e.field()).isEqualTo("low"))
        .hasMessage("must be a multiple of q (8), got 12");
    assertThatThrownBy(() -> new Distribution.Power2Uniform(3, 16, 1))
        .isInstanceOfSatisfying(
            InvalidDistributionException.class, e -> assertThat(e.field()).isEqualTo("low"))
        .hasMessage("must be a power of two, got 3");
    assertThatThrownBy(() -> new Distribution.Choice(List.of()))
        .isInstanceOfSatisfying(
            InvalidDistributionException.class, e -> assertThat(e.field()).isEqualTo("values"));
    // uniform and normal allow low <= 0, as in pycls
    assertThat(new Distribution.Normal(-2, 2, 1).draw(new SplitMix64(1))).isBetween(-2.0, 2.0);
  }

  @Test
  void eachKindCreatesItsOwnDistributionByName() {
    for (DistributionKind kind : DistributionKind.values()) {
      assertThat(DistributionKind.named(kind.externalName())).contains(kind);
      if (kind.isQuantized()) {
        Distribution d = kind.create(1, 16, 1);
        assertThat(d.kind()).isEqualTo(kind);
        assertThat(d.externalName()).isEqualTo(kind.externalName());
        assertThat(d.draw(new SplitMix64(3))).isBetween(1.0, 16.0);
      }
    }
    assertThat(DistributionKind.externalNames())
        .containsExactly(
            "uniform",
            "log_uniform",
            "power2_uniform",
            "power2_or_log_uniform",
            "normal",
            "log_normal",
            "choice");
    assertThat(new Distribution.Choice(List.of(2.0)).kind()).isEqualTo(DistributionKind.CHOICE);
    assertThat(DistributionKind.named("gaussian")).isEmpty();
    assertThatThrownBy(() -> DistributionKind.CHOICE.create(1, 2, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("choice takes a list of values, not low, high and q");
    assertThatThrownBy(() -> DistributionKind.LOG_NORMAL.create(12, 256, 8))
        .isInstanceOfSatisfying(
            InvalidDistributionException.class, e -> assertThat(e.field()).isEqualTo("low"))
        .hasMessage("must be a multiple of q (8), got 12");
  }

  @Test
  void quantizedBoundsAndStepsAreWhatTheDrawsCanTake() {
    Distribution.Quantized p2 = new Distribution.Power2Uniform(1, 16, 4);
    // 1 and 2 floor to 0, 4, 8 and 16 stay
    assertThat(histogram(p2, 5).keySet()).containsExactly(0.0, 4.0, 8.0, 16.0);
    assertThat(p2.min()).isEqualTo(0.0);
    assertThat(p2.step()).isEqualTo(4.0);
    assertThat(new Distribution.Power2Uniform(8, 64, 2).min()).isEqualTo(8.0);
    assertThat(new Distribution.Power2OrLogUniform(1, 32, 8).step()).isEqualTo(1.0);
    assertThat(new Distribution.Uniform(0.5, 1.5, 0.1).integral()).isFalse();
    assertThat(new Distribution.LogUniform(8, 256, 8).integral()).isTrue();
    assertThat(new Quantum(0.1).timesWithin(20, 0.5, 1.5)).isEqualTo(1.5);
    assertThat(new Quantum(0.1).timesWithin(2, 0.5, 1.5)).isEqualTo(0.5);
    assertThat(new Quantum(0.1).timesWithin(9, 0.5, 1.5)).isEqualTo(0.9);
  }

  @Test
  void quantumMultiplesAreTheNearestDoubleToTheDecimalProduct() {
    assertThat(new Quantum(0.1).times(364)).isEqualTo(36.4);
    assertThat(new Quantum(0.1).times(3)).isEqualTo(0.3);
    assertThat(3 * 0.1).isNotEqualTo(0.3); // why Quantum exists
    assertThat(new Quantum(0.001).times(2491)).isEqualTo(2.491);
    assertThat(new Quantum(8).times(13)).isEqualTo(104.0);
    assertThat(new Quantum(1e-5).times(123456789)).isEqualTo(1234.56789);
    assertThat(new Quantum(0.1).divides(25.6)).isTrue();
    assertThat(new Quantum(0.1).divides(25.65)).isFalse();
  }
}
