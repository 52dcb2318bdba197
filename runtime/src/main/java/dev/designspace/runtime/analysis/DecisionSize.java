package dev.designspace.runtime.analysis;

import dev.designspace.generator.random.SplitMix64;
import java.util.OptionalInt;

/**
 * How many models per space would likely answer a comparison's question, at the spread observed:
 * both samples are resampled (bootstrap) at growing sizes n, each resample judged as a fixed-n
 * comparison at {@link SpaceVerdict#ALPHA}, and the answer is the first n at which at least {@link
 * #POWER} of the resamples answer the question. Seeded, so a report says the same on every run.
 */
public final class DecisionSize {
  /** Largest size tried: beyond it the question is out of reach at the spread observed. */
  static final int LARGEST = 1000;

  static final double POWER = 0.8;
  private static final int RESAMPLES = 100;
  private static final double GROWTH = 1.25;

  private DecisionSize() {}

  public static OptionalInt estimate(double[] a, double[] b, double margin, Question question) {
    SplitMix64 rng = new SplitMix64(0x5eed);
    int n = Math.max(a.length, b.length);
    while (n < LARGEST) {
      n = Math.min(LARGEST, Math.max(n + 1, (int) Math.ceil(n * GROWTH)));
      int answered = 0;
      for (int r = 0; r < RESAMPLES; r++) {
        double[] ra = resample(a, n, rng);
        double[] rb = resample(b, n, rng);
        Verdict v = Verdict.of(VerdictTests.of(ra, rb, margin), SpaceVerdict.ALPHA);
        answered += question.answeredBy(v) ? 1 : 0;
        if (answered >= POWER * RESAMPLES || answered + (RESAMPLES - r - 1) < POWER * RESAMPLES) {
          break; // already decided either way
        }
      }
      if (answered >= POWER * RESAMPLES) {
        return OptionalInt.of(n);
      }
    }
    return OptionalInt.empty();
  }

  /** n values drawn from {@code values} with replacement. */
  public static double[] resample(double[] values, int n, SplitMix64 rng) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = values[rng.nextInt(values.length)];
    }
    return out;
  }
}
