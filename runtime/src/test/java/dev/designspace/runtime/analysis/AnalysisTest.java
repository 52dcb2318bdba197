package dev.designspace.runtime.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.designspace.generator.random.SplitMix64;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The analyses against hand-computed values, exact small cases and published tables. */
class AnalysisTest {

  @Test
  void edfStepsUseStrictInequality() {
    ErrorEdf edf = ErrorEdf.of(new double[] {3, 1, 2, 2});
    assertThat(edf.sortedErrors()).containsExactly(1, 2, 2, 3);
    assertThat(edf.stepHeights()).containsExactly(0.25, 0.5, 0.75, 1.0);
    assertThat(edf.at(1)).isZero();
    assertThat(edf.at(2)).isEqualTo(0.25); // F(e) = (1/n) sum 1[e_i < e]
    assertThat(edf.at(2.0001)).isEqualTo(0.75);
    assertThat(edf.at(9)).isEqualTo(1.0);
    assertThat(edf.min()).isEqualTo(1);
    assertThat(edf.mean()).isEqualTo(2);
    assertThat(edf.quantile(0.5)).isEqualTo(2);
  }

  @Test
  void dkwBandHalfWidth() {
    // sqrt(ln(2 / 0.05) / (2 * 100)) = sqrt(3.688879 / 200)
    assertThat(ErrorEdf.dkwEpsilon(100, 0.05)).isCloseTo(0.1358102, within(1e-6));
    assertThat(ErrorEdf.dkwEpsilon(500, 0.05)).isCloseTo(0.0607364, within(1e-6));
  }

  @Test
  void normalisedEdfSharesOneRangeAndOneSetOfBins() {
    // a spans 1e6..1e8, b spans 1e5..1e7: the shared range is their overlap, 1e6..1e7, its log
    // range cut in 2 bins at 10^6.5 (10 models in the range at most: 10 / 5 = 2 bins). a's 1e8
    // and b's 1e5 lie outside: weight 0, counted
    double[] a = {1e6, 2e6, 5e6, 8e6, 1e8};
    double[] b = {1e5, 1.5e6, 3e6, 4e6, 1e7, 9e6};
    // a has 4 models inside, b 5: fewer than 5 per bin for 2 bins, so 1 bin
    ComplexityNormalisation one = ComplexityNormalisation.of(List.of(a, b)).orElseThrow();
    assertThat(one.low()).isEqualTo(1e6);
    assertThat(one.high()).isEqualTo(1e7);
    assertThat(one.bins()).isEqualTo(1);
    assertThat(one.outside()).containsExactly(1, 1);
    assertThat(one.weights().get(0)).containsExactly(0.25, 0.25, 0.25, 0.25, 0);
    assertThat(one.weights().get(1)).containsExactly(0, 0.2, 0.2, 0.2, 0.2, 0.2);
    // 10 inside each: 2 bins, edges 1e6, 10^6.5 = 3.16e6, 1e7
    double[] c = {1e6, 1.2e6, 1.5e6, 2e6, 3e6, 4e6, 5e6, 6e6, 8e6, 1e7, 2e7};
    double[] d = {5e5, 1e6, 1.1e6, 1.3e6, 1.4e6, 1.6e6, 1.8e6, 2.5e6, 3.5e6, 9e6, 1e7};
    ComplexityNormalisation two = ComplexityNormalisation.of(List.of(c, d)).orElseThrow();
    assertThat(two.bins()).isEqualTo(2);
    assertThat(two.edges()[1]).isCloseTo(Math.sqrt(10) * 1e6, within(1e-3));
    // c: 5 below 10^6.5 (1e6 .. 3e6), 5 above (4e6 .. 1e7), 2e7 outside: each 1 / (5 x 2)
    assertThat(two.weights().get(0))
        .containsExactly(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0);
    // d: 5e5 outside; 7 below (1e6 .. 2.5e6): 1 / (7 x 2) each; 3 above (3.5e6, 9e6, 1e7): 1 / 6
    double[] w = two.weights().get(1);
    assertThat(w[0]).isZero();
    for (int i = 1; i <= 7; i++) {
      assertThat(w[i]).isCloseTo(1 / 14.0, within(1e-12));
    }
    for (int i = 8; i <= 10; i++) {
      assertThat(w[i]).isCloseTo(1 / 6.0, within(1e-12));
    }
    // each space's weights sum to 1, and each bin carries 1 / bins = 0.5 in both spaces
    List<double[]> complexities = List.of(c, d);
    for (int space = 0; space < 2; space++) {
      double[] weights = two.weights().get(space);
      double[] perBin = new double[2];
      double sum = 0;
      for (int i = 0; i < weights.length; i++) {
        sum += weights[i];
        int bin = ComplexityNormalisation.bin(complexities.get(space)[i], 1e6, 1e7, 2);
        if (bin >= 0) {
          perBin[bin] += weights[i];
        }
      }
      assertThat(sum).isCloseTo(1, within(1e-12));
      assertThat(perBin[0]).isCloseTo(0.5, within(1e-12));
      assertThat(perBin[1]).isCloseTo(0.5, within(1e-12));
    }
    // disjoint ranges share nothing
    assertThat(ComplexityNormalisation.of(List.of(new double[] {1, 2}, new double[] {3, 4})))
        .isEmpty();
  }

  @Test
  void aBinEmptyInOneSpaceMeansFewerBins() {
    // both span 1..1000 with 15 models: 3 bins chosen (edges 10, 100); e has nothing in 10..100,
    // so 2 bins (edge 31.6), where e's 1 is alone in the lower bin
    double[] c = new double[15];
    for (int k = 0; k < 15; k++) {
      c[k] = Math.pow(10, 3 * k / 14.0);
    }
    double[] e = {1, 110, 120, 150, 200, 250, 300, 350, 400, 500, 600, 700, 800, 900, 1000};
    ComplexityNormalisation n = ComplexityNormalisation.of(List.of(c, e)).orElseThrow();
    assertThat(n.chosenBins()).isEqualTo(3);
    assertThat(n.bins()).isEqualTo(2);
    assertThat(n.weights().get(1)[0]).isCloseTo(0.5, within(1e-12));
    assertThat(n.weights().get(1)[1]).isCloseTo(1 / 28.0, within(1e-12));
  }

  @Test
  void largerModelsAloneDoNotMakeNormalisedEdfsDiffer() {
    // error depends on flops only (bigger is better); space b samples bigger models. The raw EDFs
    // differ; over the shared range, weighted per bin, they do not
    int n = 60;
    double[] ca = new double[n];
    double[] cb = new double[n];
    double[] ea = new double[n];
    double[] eb = new double[n];
    SplitMix64 rng = new SplitMix64(3);
    for (int i = 0; i < n; i++) {
      // a: log-uniform 1e6 .. 1e7 with most mass low; b: most mass high
      double ua = Math.pow(rng.nextDouble(), 2);
      double ub = 1 - Math.pow(rng.nextDouble(), 2);
      ca[i] = Math.pow(10, 6 + ua);
      cb[i] = Math.pow(10, 6 + ub);
      ea[i] = 30 - 10 * ua + 0.3 * rng.nextGaussian();
      eb[i] = 30 - 10 * ub + 0.3 * rng.nextGaussian();
    }
    assertThat(EdfDominance.of(ea, eb).pBAbove()).isLessThan(0.001);
    ComplexityNormalisation shared = ComplexityNormalisation.of(List.of(ca, cb)).orElseThrow();
    NormalisedDominance d = NormalisedDominance.of(ea, ca, eb, cb, shared);
    assertThat(d.verdict(SpaceVerdict.ALPHA)).isEqualTo(Verdict.UNDECIDED);
    assertThat(d.pBAbove()).isGreaterThan(0.05);
    assertThat(d.pAAbove()).isGreaterThan(0.05);
  }

  @Test
  void kolmogorovSmirnovOnExactSmallCases() {
    // complete separation of 3 and 3: D = 1, exact two-sided p = 2 / C(6, 3) = 0.1
    SpaceComparison c = SpaceComparison.of(new double[] {1, 2, 3}, new double[] {4, 5, 6});
    assertThat(c.ksStatistic()).isEqualTo(1.0);
    assertThat(c.ksPValue()).isCloseTo(0.1, within(1e-9));
    // interleaved: largest EDF gap 1/4, nothing to see
    SpaceComparison d = SpaceComparison.of(new double[] {1, 3, 5, 7}, new double[] {2, 4, 6, 8});
    assertThat(d.ksStatistic()).isEqualTo(0.25);
    assertThat(d.ksPValue()).isGreaterThan(0.9);
  }

  @Test
  void mannWhitneyAgainstExactCasesAndPublishedTables() {
    SpaceComparison c = SpaceComparison.of(new double[] {1, 2, 3}, new double[] {4, 5, 6});
    assertThat(c.mannWhitneyU()).isEqualTo(9); // max(U_a = 0, U_b = 9)
    assertThat(c.mannWhitneyPValue()).isCloseTo(0.1, within(1e-12)); // 2 orderings of 20
    // table (n1 = n2 = 5): P(U <= 2) = 0.016 (4 of 252 orderings), P(U <= 1) = 0.008
    assertThat(SpaceComparison.exactMannWhitneyP(5, 5, 23)).isCloseTo(2 * 4 / 252.0, within(1e-12));
    assertThat(SpaceComparison.exactMannWhitneyP(5, 5, 24)).isCloseTo(2 * 0.0079, within(0.0001));
    // table (n1 = 4, n2 = 6): P(U <= 3) = 0.0333
    assertThat(SpaceComparison.exactMannWhitneyP(4, 6, 21)).isCloseTo(2 * 0.0333, within(0.0002));
    assertThat(SpaceComparison.exactMannWhitneyP(5, 5, 12.5)).isEqualTo(1.0);
  }

  @Test
  void mannWhitneyNormalApproximationForLargeSamples() {
    double[] a = new double[60];
    double[] b = new double[60];
    for (int i = 0; i < 60; i++) {
      a[i] = i + 0.5 * (i % 3); // shifted down a little
      b[i] = i + 5.25;
    }
    SpaceComparison c = SpaceComparison.of(a, b);
    double mu = 60 * 60 / 2.0;
    double sigma = Math.sqrt(60.0 * 60 * 121 / 12);
    double z = (c.mannWhitneyU() - mu) / sigma;
    assertThat(c.mannWhitneyPValue())
        .isCloseTo(
            2 * (1 - new NormalDistribution().cumulativeProbability(Math.abs(z))), within(1e-6));
    assertThat(c.medianDifference()).isNegative();
  }

  @Test
  void goodRangeMatchesTheOrderStatisticsOfTheBest() {
    // metric = rank of the error: the best of 25 draws from 100 has P(rank >= k) = (1 - k/100)^25,
    // so its median is about 2.7 and its 97.5th percentile about 13.7
    double[] errors = new double[100];
    double[] metric = new double[100];
    for (int i = 0; i < 100; i++) {
      errors[i] = i;
      metric[i] = i;
    }
    GoodRange r = GoodRange.of(metric, errors, 42);
    assertThat(r.low()).isEqualTo(0);
    assertThat(r.median()).isBetween(2.0, 4.0);
    assertThat(r.high()).isBetween(11.0, 16.0);
    assertThat(GoodRange.of(metric, errors, 42)).isEqualTo(r);
    assertThat(r.contains(1)).isTrue();
    assertThat(r.contains(50)).isFalse();
  }

  @Test
  void randomSearchEfficiencyOnAKnownList() {
    RandomSearchEfficiency s = new RandomSearchEfficiency(new double[] {4, 1, 3, 2});
    assertThat(s.expectedBest(1)).isCloseTo(2.5, within(1e-12));
    assertThat(s.expectedBest(2))
        .isCloseTo(30.0 / 16, within(1e-12)); // (7*1 + 5*2 + 3*3 + 1*4) / 16
    assertThat(s.quantileOfBest(2, 0.5)).isEqualTo(2);
    assertThat(s.quantileOfBest(2, 0.4)).isEqualTo(1);
    assertThat(s.expectedBest(1000)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void powerLawFitRecoversExactLaws() {
    double[] x = {1e8, 2e8, 4e8, 8e8};
    double[] y = new double[4];
    for (int i = 0; i < 4; i++) {
      y[i] = 6.5 * Math.pow(x[i], 0.5);
    }
    PowerLawFit fit = PowerLawFit.of(x, y);
    assertThat(fit.a()).isCloseTo(6.5, within(1e-9));
    assertThat(fit.b()).isCloseTo(0.5, within(1e-12));
    assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-12));
    assertThat(fit.at(1.6e9)).isCloseTo(6.5 * 40_000, within(1e-6));
  }
}
