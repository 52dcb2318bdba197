package dev.designspace.runtime.refine;

import java.util.Objects;

/**
 * One restriction refinement considered, with its evidence and whether it is proposed.
 *
 * @param parameter the spec's name of the parameter ({@code wm}, {@code bottleneck_ratio}, ...)
 * @param restricted for {@link Kind#RANGE}: the parameter's new distribution; null otherwise
 * @param rationale what the restriction rests on, besides the test (the good range, the sampled
 *     range; which models count as satisfying it)
 * @param evidence the two-sample comparison; null when the restriction was not tested
 * @param verdict why it is proposed or not, with the threshold
 */
public record Candidate(
    String parameter,
    Kind kind,
    String restricted,
    String rationale,
    GroupEvidence evidence,
    boolean proposed,
    String verdict) {

  /** The kinds of restriction, as the paper's refinements make them. */
  public enum Kind {
    /** The parameter's range narrowed to its bootstrap good range (sample.KEY). */
    RANGE,
    /** One value for every stage (constraints.shared). */
    SHARED,
    /** Values that never decrease from stage to stage (constraints.increasing). */
    INCREASING;

    /** How a restriction of this kind reads, e.g. {@code shared bottleneck_ratio}. */
    String label(String parameter) {
      return switch (this) {
        case RANGE -> parameter + " range";
        case SHARED -> "shared " + parameter;
        case INCREASING -> "increasing " + parameter;
      };
    }
  }

  public Candidate {
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(rationale, "rationale");
    Objects.requireNonNull(verdict, "verdict");
    if (kind == Kind.RANGE && proposed && restricted == null) {
      throw new IllegalArgumentException("a proposed range restriction needs its distribution");
    }
    if (proposed && evidence == null) {
      throw new IllegalArgumentException("a proposed restriction needs its evidence");
    }
  }

  /** E.g. {@code wm range} or {@code shared bottleneck_ratio}. */
  public String label() {
    return kind.label(parameter);
  }
}
