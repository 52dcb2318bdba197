package dev.designspace.runtime.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.designspace.generator.random.SplitMix64;
import dev.designspace.runtime.bench.DecisionReplay;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The group-sequential design: its boundaries against published ones, and by simulation (statistics
 * only) that looking after every round keeps false verdicts at the level while deciding with fewer
 * models than a fixed-n test of the same power.
 */
class SequentialDesignTest {

  @Test
  void obrienFlemingTypeBoundariesMatchPublishedValues() {
    // Lan-DeMets O'Brien-Fleming-type spending, one-sided 0.025, 5 equally spaced looks: the
    // boundaries tabulated for this design (e.g. R's gsDesign / ldbounds) are 4.877, 3.357,
    // 2.680, 2.290, 2.031
    double[] z = GroupSequentialDesign.boundaries(0.025, new double[] {0.2, 0.4, 0.6, 0.8, 1.0});
    assertThat(z[0]).isCloseTo(4.877, within(0.002));
    assertThat(z[1]).isCloseTo(3.357, within(0.003));
    assertThat(z[2]).isCloseTo(2.680, within(0.003));
    assertThat(z[3]).isCloseTo(2.290, within(0.003));
    assertThat(z[4]).isCloseTo(2.031, within(0.003));
    // one look at t = 1 spends all of alpha: the fixed-n test
    assertThat(GroupSequentialDesign.boundaries(0.025, new double[] {1.0})[0])
        .isCloseTo(1.959964, within(1e-5));
    assertThat(GroupSequentialDesign.spent(0.025, 1.0)).isCloseTo(0.025, within(1e-12));
  }

  @Test
  void identicalSpacesRarelyGetABetterOrWorseVerdict() {
    // 2,000 sequential comparisons of two identical spaces, a look every 8 models up to 40: the
    // chance of any better / worse / different verdict must stay at 2 x 0.025 (both directions)
    int runs = 2000;
    SequentialComparison design = new SequentialComparison(40, 0.25, Question.WHICH_IS_BETTER);
    SplitMix64 rng = new SplitMix64(11);
    int false_ = 0;
    for (int r = 0; r < runs; r++) {
      Run run = run(design, rng, 0, 8);
      false_ += run.dominance ? 1 : 0;
    }
    double rate = false_ / (double) runs;
    double se = Math.sqrt(0.05 * 0.95 / runs);
    assertThat(rate).isLessThanOrEqualTo(0.05 + 2.6 * se);
  }

  @Test
  void aShiftIsDecidedWithFewerModelsThanAFixedTestOfTheSamePower() {
    // b better by 0.8 standard deviations; a look every 8 models up to 48
    SequentialComparison design = new SequentialComparison(48, 0.25, Question.WHICH_IS_BETTER);
    SplitMix64 rng = new SplitMix64(12);
    int runs = 600;
    int better = 0;
    double models = 0;
    for (int r = 0; r < runs; r++) {
      Run run = run(design, rng, -0.8, 8);
      better += run.better ? 1 : 0;
      models += run.models;
    }
    double power = better / (double) runs;
    double averageModels = models / runs;
    // the smallest fixed n whose one-sided KS test (0.025) has at least that power
    int fixed = 0;
    for (int n = 8; n <= 64 && fixed == 0; n += 2) {
      int hits = 0;
      for (int r = 0; r < runs; r++) {
        double[] a = gaussian(rng, n, 0);
        double[] b = gaussian(rng, n, -0.8);
        hits += EdfDominance.of(a, b).pBAbove() <= SpaceVerdict.ALPHA ? 1 : 0;
      }
      if (hits / (double) runs >= power) {
        fixed = n;
      }
    }
    assertThat(power).isGreaterThan(0.7);
    assertThat(fixed).isPositive();
    assertThat(averageModels).isLessThan(fixed);
  }

  @Test
  void aReplayOfMeasuredErrorsComparesSequentialWithFixedN() {
    // two spaces 2 points apart with the same spread: the replays decide "better", and on average
    // with fewer models than the fixed n that decides as often
    double[] a = new double[20];
    double[] b = new double[20];
    for (int i = 0; i < 20; i++) {
      a[i] = 20 + 0.3 * i;
      b[i] = 18 + 0.3 * i;
    }
    DecisionReplay replay =
        DecisionReplay.of(a, b, 8, 4, 32, 1.0, Question.WHICH_IS_BETTER, 200, 5);
    assertThat(replay.sequentialAnswered()).isGreaterThan(0.8);
    assertThat(replay.verdicts().get(Verdict.BETTER)).isGreaterThan(0.8);
    assertThat(replay.fixedModels()).isPositive();
    assertThat(replay.sequentialModels()).isLessThan(replay.fixedModels());
    assertThat(replay.fixedAnswered()).isGreaterThanOrEqualTo(replay.sequentialAnswered());
  }

  private record Run(boolean dominance, boolean better, int models) {}

  private static Run run(SequentialComparison design, SplitMix64 rng, double shift, int round) {
    double[] a = gaussian(rng, design.maxModels(), 0);
    double[] b = gaussian(rng, design.maxModels(), shift);
    List<SequentialComparison.Look> looks = new ArrayList<>();
    for (int n = round; n <= design.maxModels(); n += round) {
      SequentialComparison.Look look =
          design.look(java.util.Arrays.copyOf(a, n), java.util.Arrays.copyOf(b, n), looks).get();
      looks.add(look);
      Verdict v = look.verdict();
      boolean dominance = v == Verdict.BETTER || v == Verdict.WORSE || v == Verdict.DIFFERENT;
      if (dominance || design.stopsAt(look)) {
        return new Run(dominance, v == Verdict.BETTER, n);
      }
    }
    throw new AssertionError("the last look stops");
  }

  private static double[] gaussian(SplitMix64 rng, int n, double mean) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = mean + rng.nextGaussian();
    }
    return x;
  }
}
