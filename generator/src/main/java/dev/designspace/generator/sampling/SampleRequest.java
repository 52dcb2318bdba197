package dev.designspace.generator.sampling;

import dev.designspace.command.BadInputException;
import dev.designspace.generator.space.DesignSpace;
import java.util.Objects;

/**
 * What to sample.
 *
 * @param count how many distinct models
 * @param seed the seed; the same seed gives the same models
 * @param maxCandidates the most candidates to draw before giving up with a {@link
 *     SamplingException}
 */
public record SampleRequest(DesignSpace space, int count, long seed, long maxCandidates) {

  /** Candidates allowed per requested model unless the caller says otherwise. */
  public static final long CANDIDATES_PER_MODEL = 100_000;

  /** At least this many candidates are tried before giving up. */
  public static final long MIN_CANDIDATES = 2_000_000;

  public SampleRequest {
    Objects.requireNonNull(space, "space");
    if (!space.isSampled()) {
      throw new BadInputException(space.name() + " lists fixed models; there is nothing to sample");
    }
    if (count < 1) {
      throw new BadInputException("the number of models must be >= 1, got " + count);
    }
    if (maxCandidates < count) {
      throw new BadInputException(
          "max candidates (" + maxCandidates + ") is below the number of models");
    }
  }

  /**
   * The default candidate budget: {@value #CANDIDATES_PER_MODEL} per model, at least {@value
   * #MIN_CANDIDATES}.
   */
  public static SampleRequest of(DesignSpace space, int count, long seed) {
    return new SampleRequest(space, count, seed, defaultBudget(count));
  }

  public static long defaultBudget(int count) {
    return Math.max(MIN_CANDIDATES, count * CANDIDATES_PER_MODEL);
  }
}
