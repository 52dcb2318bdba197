package dev.designspace.runtime.sequential;

import dev.designspace.command.BadInputException;
import dev.designspace.runtime.analysis.Question;
import dev.designspace.runtime.sweep.SweepRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A comparison of design spaces run until decided.
 *
 * @param spaces one sweep per space (its count is replaced by each round's); all share workers
 * @param names the spaces' names, in the same order, as their specs give them
 * @param comparisons the questions asked, each of space b against space a
 * @param firstLook models per space at the first look
 * @param round models added per space between looks
 * @param maxModels models per space at the last look
 * @param budget wall time the run may take from its start in this process; empty: none
 * @param margin points of error of the margin verdicts
 * @param out where {@code looks.json} (and the caller's report) go
 * @param proxyCheck models of every space trained again at {@code checkEpochs} once the looks are
 *     done (0: none)
 */
public record SequentialRequest(
    List<SweepRequest> spaces,
    List<String> names,
    List<Comparison> comparisons,
    int firstLook,
    int round,
    int maxModels,
    Optional<Duration> budget,
    double margin,
    Path out,
    int proxyCheck,
    int checkEpochs) {

  /**
   * One question: is space {@code b} better than / no worse than / as good as space {@code a}.
   *
   * @param a index into the spaces
   * @param b index into the spaces
   */
  public record Comparison(int a, int b, Question question) {}

  public SequentialRequest {
    spaces = List.copyOf(spaces);
    names = List.copyOf(names);
    comparisons = List.copyOf(comparisons);
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(out, "out");
    if (spaces.size() < 2 || names.size() != spaces.size()) {
      throw new BadInputException("a comparison needs at least 2 spaces, each named");
    }
    if (comparisons.isEmpty()) {
      throw new BadInputException("ask at least one question");
    }
    if (new java.util.HashSet<>(names).size() != names.size()) {
      // each look's verdicts and the report's steps are keyed by the space's name
      throw new SequentialException(
          "the specs name one space twice ("
              + names
              + "): a run until decided compares spaces of different names; give each spec its"
              + " own name, or sweep them and compare with report DIR=LABEL ...");
    }
    for (Comparison c : comparisons) {
      if (c.a() < 0 || c.b() < 0 || c.a() >= spaces.size() || c.b() >= spaces.size()) {
        throw new BadInputException("a comparison names a space that is not there");
      }
    }
    checkSchedule(firstLook, round, maxModels, budget);
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new BadInputException("--margin must be a number >= 0, got " + margin);
    }
    if (proxyCheck < 0 || proxyCheck > firstLook) {
      throw new BadInputException(
          "--check-proxy must be between 0 and the first look's "
              + firstLook
              + " models, got "
              + proxyCheck);
    }
  }

  /** Models per space at look k (0-based): the first look, then a round more each time. */
  public int modelsAt(int look) {
    return (int) Math.min(maxModels, firstLook + (long) look * round);
  }

  /** Planned looks: up to and including the one at {@code maxModels}. */
  public int plannedLooks() {
    return (maxModels - firstLook + round - 1) / round + 1;
  }

  /** Each test's one-sided level: 0.025 shared equally by the questions (Bonferroni). */
  public double alphaPerComparison() {
    return dev.designspace.runtime.analysis.SpaceVerdict.ALPHA / comparisons.size();
  }

  /**
   * The rules of a schedule of looks, checked where the command line is read ({@link
   * CompareRequest.Schedule}) and again here.
   */
  static void checkSchedule(int firstLook, int round, int maxModels, Optional<Duration> budget) {
    if (firstLook < 2) {
      throw new BadInputException(
          "the first look needs at least 2 models per space, got " + firstLook);
    }
    if (round < 1) {
      throw new BadInputException("--round must be >= 1, got " + round);
    }
    if (maxModels < firstLook) {
      throw new BadInputException(
          "--max-models ("
              + maxModels
              + ") must be at least the first look's models per space ("
              + firstLook
              + ")");
    }
    if (budget.isPresent() && (budget.get().isNegative() || budget.get().isZero())) {
      throw new BadInputException("--budget must be positive, got " + budget.get());
    }
  }
}
