package dev.designspace.generator.space;

import java.util.Objects;
import java.util.Set;

/**
 * What a sampled model must satisfy.
 *
 * @param shared AnyNet parameters drawn once and used for every stage
 * @param increasing AnyNet parameters that must not decrease from stage to stage
 * @param stages RegNet only: num_stages must equal total_stages and lie in this range
 */
public record Constraints(
    Set<Parameter> shared,
    Set<Parameter> increasing,
    Bound flops,
    Bound params,
    Bound acts,
    Bound stages) {

  public static final Constraints NONE =
      new Constraints(
          Set.of(), Set.of(), Bound.UNBOUNDED, Bound.UNBOUNDED, Bound.UNBOUNDED, Bound.UNBOUNDED);

  public Constraints {
    shared = Set.copyOf(shared);
    increasing = Set.copyOf(increasing);
    Objects.requireNonNull(flops, "flops");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(acts, "acts");
    Objects.requireNonNull(stages, "stages");
  }

  /** Whether any complexity bound is set, so complexity must be computed to check a candidate. */
  public boolean boundsComplexity() {
    return !flops.isUnbounded() || !params.isUnbounded() || !acts.isUnbounded();
  }
}
