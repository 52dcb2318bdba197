package dev.designspace.runtime.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparison statistics and verdicts against values derived by hand (orderings counted in the
 * comments) and published tables.
 *
 * <p>Checked once against SciPy 1.17 while developing (not needed by the tests): {@code
 * stats.ks_2samp(a, b, alternative='greater', method='exact')} gives 1/6, 0.3 / 0.7 and 0.05 for
 * the untied cases below; for the tied case it gives 0.667, because its exact distribution assumes
 * no ties, while {@code stats.permutation_test((a, b), dplus, permutation_type='independent',
 * alternative='greater', n_resamples=np.inf)} gives 0.5 as here; the same permutation test of b's
 * Mann-Whitney wins gives 5/6 and 1/2 for the tied null below.
 */
class VerdictTest {

  @Test
  void oneSidedKsExactByCountingOrderings() {
    // a = {1, 2}, b = {3, 4}: a's EDF is 1 above b's after 2; only the ordering a a b b of C(4, 2)
    // = 6 reaches that, so p = 1/6; b's EDF is nowhere above a's: p = 1
    EdfDominance d = EdfDominance.of(new double[] {1, 2}, new double[] {3, 4});
    assertThat(d.aAbove()).isEqualTo(1.0);
    assertThat(d.pAAbove()).isCloseTo(1 / 6.0, within(1e-12));
    assertThat(d.bAbove()).isZero();
    assertThat(d.pBAbove()).isEqualTo(1.0);
    // complete separation of 3 and 3: 1 ordering of C(6, 3) = 20
    assertThat(EdfDominance.of(new double[] {1, 2, 3}, new double[] {4, 5, 6}).pAAbove())
        .isCloseTo(0.05, within(1e-12));
  }

  @Test
  void oneSidedKsExactOnUnequalSizes() {
    // a = {1, 2, 5}, b = {3, 4}; in units of 1/6, 2i - 3j (a above) peaks at 4 after "a a": the
    // orderings starting a a are 3 of C(5, 2) = 10, p = 0.3. 3j - 2i (b above) peaks at 2 after
    // a a b b: orderings starting with b (4) or with both b's before the last a and not starting
    // with b (a {a b b} a: 3) reach 2, p = 0.7
    EdfDominance d = EdfDominance.of(new double[] {1, 2, 5}, new double[] {3, 4});
    assertThat(d.aAbove()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(d.pAAbove()).isCloseTo(0.3, within(1e-12));
    assertThat(d.bAbove()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(d.pBAbove()).isCloseTo(0.7, within(1e-12));
  }

  @Test
  void oneSidedKsKeepsTiesTogether() {
    // a = {1, 1}, b = {1, 2}: the EDFs are compared only after the three 1s and after the 2; a is
    // 0.5 above after the 1s when both of a's values are among the first three of the four
    // places: C(3, 2) = 3 of 6 assignments, p = 0.5
    EdfDominance d = EdfDominance.of(new double[] {1, 1}, new double[] {1, 2});
    assertThat(d.aAbove()).isEqualTo(0.5);
    assertThat(d.pAAbove()).isCloseTo(0.5, within(1e-12));
    assertThat(d.pBAbove()).isEqualTo(1.0);
  }

  @Test
  void mannWhitneyNullCountsTiedAssignments() {
    // pooled {1, 1, 2, 3}, two of them b's: the 6 assignments give 2W (twice b's wins, ties 1)
    // b = {1, 1}: 8; {1, 2} twice: 5; {1, 3} twice: 3; {2, 3}: 0
    PooledRanks observed = PooledRanks.of(new double[] {1, 2}, new double[] {1, 3});
    assertThat(observed.twiceBWins()).isEqualTo(3);
    MannWhitneyNull w = MannWhitneyNull.of(observed);
    assertThat(w.exact()).isTrue();
    assertThat(w.atLeast(3)).isCloseTo(5 / 6.0, within(1e-12));
    assertThat(w.atMost(3)).isCloseTo(3 / 6.0, within(1e-12));
    assertThat(w.atLeast(8)).isCloseTo(1 / 6.0, within(1e-12));
    // untied 5 and 5 (published table): P(W <= 2) = 4 of 252 orderings, P(W <= 3) = 7 of 252
    MannWhitneyNull untied = MannWhitneyNull.of(PooledRanks.untied(5, 5));
    assertThat(untied.atMost(4)).isCloseTo(4 / 252.0, within(1e-12));
    assertThat(untied.atMost(6)).isCloseTo(7 / 252.0, within(1e-12));
  }

  @Test
  void hodgesLehmannShiftAndItsInterval() {
    // b = a + 2 for a = 1..5: the 25 differences are 2 + (j - i), i.e. -2 once, -1 twice, 0 three
    // times, 1 four times, 2 five times, 3 four, 4 three, 5 two, 6 once; the median (13th) is 2.
    // For 95%: P(W <= 2) = 4/252 <= 0.025 < P(W <= 3) = 7/252, so k = 3 and the interval is the
    // 3rd and the 23rd difference: [-1, 5]
    ShiftEstimate s =
        ShiftEstimate.of(new double[] {1, 2, 3, 4, 5}, new double[] {3, 4, 5, 6, 7}, 0.95);
    assertThat(s.estimate()).isEqualTo(2.0);
    assertThat(s.low()).isEqualTo(-1.0);
    assertThat(s.high()).isEqualTo(5.0);
    assertThat(ShiftEstimate.criticalRank(5, 5, 0.025)).isEqualTo(3);
    // 2 and 2: even P(W <= 0) = 1/6 exceeds 0.025, so no interval at 95%
    ShiftEstimate tiny = ShiftEstimate.of(new double[] {1, 2}, new double[] {3, 4}, 0.95);
    assertThat(tiny.bounded()).isFalse();
  }

  @Test
  void superiorityCountsWinsAndHalfTies() {
    // b = {2, 4} against a = {1, 3}: b's 2 beats a's 3 and nothing else: 1 of 4 pairs
    Superiority s = Superiority.of(new double[] {1, 3}, new double[] {2, 4}, 0.95);
    assertThat(s.probability()).isEqualTo(0.25);
    assertThat(s.low()).isLessThan(0.25);
    assertThat(s.high()).isGreaterThan(0.25);
    // a tie counts half: b = {1} against a = {1}
    assertThat(Superiority.of(new double[] {1, 1}, new double[] {1, 1}, 0.95).probability())
        .isEqualTo(0.5);
  }

  @Test
  void goodFractionDifferenceMatchesNewcombesExample() {
    // Newcombe (1998), Table II, example (a): 56/70 against 48/80, difference 0.2000, hybrid score
    // interval (method 10) 0.0524 to 0.3339
    double[] b = new double[70];
    double[] a = new double[80];
    for (int i = 0; i < 70; i++) {
      b[i] = i < 56 ? 10 : 30;
    }
    for (int i = 0; i < 80; i++) {
      a[i] = i < 48 ? 10 : 30;
    }
    GoodFraction g = GoodFraction.of(a, b, 20, 0.95);
    assertThat(g.difference()).isCloseTo(0.2, within(1e-12));
    assertThat(g.low()).isCloseTo(0.0524, within(0.00006));
    assertThat(g.high()).isCloseTo(0.3339, within(0.00006));
  }

  @Test
  void holmAdjustsStepDown() {
    // sorted 0.01, 0.03, 0.04: 3 x 0.01 = 0.03, 2 x 0.03 = 0.06, 1 x 0.04 -> max(0.06, 0.04)
    List<VerdictTests> family =
        List.of(
            new VerdictTests(0.01, 1, 1, 1),
            new VerdictTests(0.04, 1, 1, 1),
            new VerdictTests(0.03, 1, 1, 1));
    List<VerdictTests> adjusted = VerdictTests.holm(family);
    assertThat(adjusted.get(0).better()).isCloseTo(0.03, within(1e-12));
    assertThat(adjusted.get(1).better()).isCloseTo(0.06, within(1e-12));
    assertThat(adjusted.get(2).better()).isCloseTo(0.06, within(1e-12));
    assertThat(adjusted.get(0).worse()).isEqualTo(1.0);
  }

  @Test
  void dominanceWithoutAMedianShiftIsBetter() {
    // the same 18 good models in both; a's other 12 are far worse than b's: equal medians (15.5),
    // b's EDF 12/30 = 0.4 above a's from 30 on
    double[] a = new double[30];
    double[] b = new double[30];
    for (int i = 0; i < 30; i++) {
      a[i] = i < 18 ? i + 1 : 40 + i;
      b[i] = i + 1;
    }
    assertThat(Statistics.percentile(a, 50)).isEqualTo(Statistics.percentile(b, 50));
    SpaceVerdict v = verdict(a, b, 1.0);
    assertThat(v.verdict()).isEqualTo(Verdict.BETTER);
    assertThat(v.dominance().bAbove()).isCloseTo(0.4, within(1e-12));
    assertThat(v.decided()).isTrue();
    assertThat(v.modelsToDecide()).isEmpty();
  }

  @Test
  void identicalSamplesAreAsGoodAsWithinTheMargin() {
    double[] a = new double[41];
    for (int i = 0; i < a.length; i++) {
      a[i] = 19.5 + 0.025 * i;
    }
    SpaceVerdict v = verdict(a, a.clone(), 1.0);
    assertThat(v.verdict()).isEqualTo(Verdict.AS_GOOD_AS);
    assertThat(v.shift().estimate()).isZero();
    assertThat(v.shift().low()).isGreaterThan(-1.0);
    assertThat(v.shift().high()).isLessThan(1.0);
    // with no margin, the same samples cannot be shown within it
    assertThat(verdict(a, a.clone(), 0).verdict()).isEqualTo(Verdict.UNDECIDED);
  }

  @Test
  void crossingEdfsAreDifferent() {
    double[] a = new double[30];
    double[] b = new double[30];
    for (int i = 0; i < 30; i++) {
      a[i] = 19 + 0.1 * i;
      b[i] = i < 15 ? 10 + 0.25 * i : 30 + 0.25 * i;
    }
    SpaceVerdict v = verdict(a, b, 1.0);
    assertThat(v.verdict()).isEqualTo(Verdict.DIFFERENT);
    assertThat(v.dominance().bAbove()).isEqualTo(0.5);
    assertThat(v.dominance().aAbove()).isEqualTo(0.5);
  }

  @Test
  void twoTinySamplesAreUndecidedWithAModelCount() {
    SpaceVerdict v = verdict(new double[] {20, 24}, new double[] {16, 20}, 1.0);
    assertThat(v.verdict()).isEqualTo(Verdict.UNDECIDED);
    assertThat(v.decided()).isFalse();
    assertThat(v.modelsToDecide()).isPresent();
    assertThat(v.modelsToDecide().getAsInt()).isBetween(3, 100);
    assertThat(v.toDecide()).startsWith("about " + v.modelsToDecide().getAsInt() + " models");
  }

  @Test
  void equalSpacesWithoutAMarginAreBeyondReach() {
    // the same errors in both and no margin: no number of models shows either EDF above the other
    // (beyond chance), nor the two within a margin of 0
    double[] a = {20, 21, 22, 23};
    double[] b = a.clone();
    SpaceVerdict v = SpaceVerdict.of(a, b, VerdictTests.of(a, b, 0), 0, Question.WHICH_IS_BETTER);
    assertThat(v.decided()).isFalse();
    assertThat(v.beyondReach()).isTrue();
    assertThat(v.toDecide()).startsWith("more than " + DecisionSize.LARGEST);
  }

  @Test
  void questionsStopOnlyWhenAnswered() {
    assertThat(Question.BETTER.answeredBy(Verdict.NO_WORSE)).isFalse();
    assertThat(Question.BETTER.answeredBy(Verdict.AS_GOOD_AS)).isTrue();
    assertThat(Question.NO_WORSE.answeredBy(Verdict.NO_WORSE)).isTrue();
    assertThat(Question.WHICH_IS_BETTER.answeredBy(Verdict.NO_WORSE)).isFalse();
    assertThat(Question.NO_WORSE.agreement(Verdict.BETTER)).isEqualTo(Question.Agreement.AGREES);
    assertThat(Question.BETTER.agreement(Verdict.AS_GOOD_AS))
        .isEqualTo(Question.Agreement.CONTRADICTS);
    assertThat(Question.AS_GOOD_AS.agreement(Verdict.WORSE))
        .isEqualTo(Question.Agreement.CONTRADICTS);
    assertThat(Question.NO_WORSE.agreement(Verdict.UNDECIDED))
        .isEqualTo(Question.Agreement.UNDECIDED);
  }

  private static SpaceVerdict verdict(double[] a, double[] b, double margin) {
    return SpaceVerdict.of(a, b, VerdictTests.of(a, b, margin), margin, Question.WHICH_IS_BETTER);
  }
}
