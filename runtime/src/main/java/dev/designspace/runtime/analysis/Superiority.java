package dev.designspace.runtime.analysis;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The probability that a model of b beats one of a (lower error; a tie counts half), the
 * Mann-Whitney count over na nb, with a normal interval from Hanley and McNeil's variance (1982).
 * That variance is 0 when the samples do not overlap; the estimate is kept at least 1 / (2 na nb)
 * away from 0 and 1 inside the variance, so that complete separation of small samples still gives
 * an interval of honest width.
 *
 * @param probability P(b beats a) + P(tie) / 2
 */
public record Superiority(double probability, double low, double high, double level) {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  public static Superiority of(double[] a, double[] b, double level) {
    PooledRanks ranks = PooledRanks.of(a, b);
    double nm = (double) a.length * b.length;
    double p = ranks.twiceBWins() / (2 * nm);
    double q = Math.min(Math.max(p, 1 / (2 * nm)), 1 - 1 / (2 * nm));
    double q1 = q / (2 - q); // P(two of b's models both beat one of a's), under the model
    double q2 = 2 * q * q / (1 + q);
    double variance =
        (q * (1 - q) + (b.length - 1) * (q1 - q * q) + (a.length - 1) * (q2 - q * q)) / nm;
    double half = NORMAL.inverseCumulativeProbability(0.5 + level / 2) * Math.sqrt(variance);
    return new Superiority(p, Math.max(0, p - half), Math.min(1, p + half), level);
  }
}
