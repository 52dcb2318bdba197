package dev.designspace.runtime.bench;

import dev.designspace.generator.random.SplitMix64;
import dev.designspace.runtime.analysis.DecisionSize;
import dev.designspace.runtime.analysis.Question;
import dev.designspace.runtime.analysis.SequentialComparison;
import dev.designspace.runtime.analysis.SpaceVerdict;
import dev.designspace.runtime.analysis.Verdict;
import dev.designspace.runtime.analysis.VerdictTests;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Models to a decision, sequential against fixed-n, at the spread two measured spaces show: both
 * samples are resampled (bootstrap) into many replays of a run until decided, each stopping where
 * its looks would have stopped, and into fixed-n comparisons at growing n; the fixed n reported is
 * the smallest that answers the question as often as the sequential runs did. For BENCHMARKS.md.
 *
 * @param sequentialModels mean models per space at the stop
 * @param sequentialAnswered fraction of replays that answered the question
 * @param verdicts fraction of replays ending in each verdict
 * @param fixedModels the smallest fixed n (per space) answering as often; 0 when none up to {@link
 *     #FIXED_LIMIT}
 * @param fixedAnswered the fraction that n answered
 */
public record DecisionReplay(
    int replays,
    double sequentialModels,
    double sequentialAnswered,
    Map<Verdict, Double> verdicts,
    int fixedModels,
    double fixedAnswered) {

  /** Largest fixed n tried. */
  public static final int FIXED_LIMIT = 400;

  public static DecisionReplay of(
      double[] a,
      double[] b,
      int firstLook,
      int round,
      int maxModels,
      double margin,
      Question question,
      int replays,
      long seed) {
    SequentialComparison design = new SequentialComparison(maxModels, margin, question);
    SplitMix64 rng = new SplitMix64(seed);
    double models = 0;
    int answered = 0;
    Map<Verdict, Double> verdicts = new EnumMap<>(Verdict.class);
    for (int r = 0; r < replays; r++) {
      double[] ra = DecisionSize.resample(a, maxModels, rng);
      double[] rb = DecisionSize.resample(b, maxModels, rng);
      List<SequentialComparison.Look> looks = new ArrayList<>();
      for (int n = firstLook; ; n = Math.min(maxModels, n + round)) {
        SequentialComparison.Look look =
            design
                .look(java.util.Arrays.copyOf(ra, n), java.util.Arrays.copyOf(rb, n), looks)
                .orElseThrow();
        looks.add(look);
        if (design.stopsAt(look)) {
          models += n;
          answered += question.answeredBy(look.verdict()) ? 1 : 0;
          verdicts.merge(look.verdict(), 1.0 / replays, Double::sum);
          break;
        }
      }
    }
    double sequentialAnswered = answered / (double) replays;
    int fixed = 0;
    double fixedAnswered = 0;
    for (int n = firstLook; n <= FIXED_LIMIT && fixed == 0; n = Math.max(n + 1, n * 9 / 8)) {
      int hits = 0;
      for (int r = 0; r < replays; r++) {
        double[] ra = DecisionSize.resample(a, n, rng);
        double[] rb = DecisionSize.resample(b, n, rng);
        Verdict v = Verdict.of(VerdictTests.of(ra, rb, margin), SpaceVerdict.ALPHA);
        hits += question.answeredBy(v) ? 1 : 0;
      }
      if (hits / (double) replays >= sequentialAnswered) {
        fixed = n;
        fixedAnswered = hits / (double) replays;
      }
    }
    return new DecisionReplay(
        replays, models / replays, sequentialAnswered, verdicts, fixed, fixedAnswered);
  }
}
