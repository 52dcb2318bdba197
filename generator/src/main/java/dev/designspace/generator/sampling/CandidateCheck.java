package dev.designspace.generator.sampling;

import dev.designspace.generator.space.Bound;
import dev.designspace.generator.space.Constraints;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.text.SpecNumbers;
import java.util.List;

/**
 * The checks a candidate passes through, in the order they run; each counts the candidates that
 * reach it and those that pass, for the rejection statistics. The first check depends on the
 * family: RegNet candidates are checked for their stage count, AnyNet candidates for increasing
 * parameters. The cheap checks come first so that most rejected candidates cost no network.
 */
enum CandidateCheck {
  STAGES("stages"),
  INCREASING("increasing"),
  DISTINCT("distinct"),
  FLOPS("flops"),
  PARAMS("params"),
  ACTS("acts");

  private static final List<CandidateCheck> REGNET = List.of(STAGES, DISTINCT, FLOPS, PARAMS, ACTS);
  private static final List<CandidateCheck> ANYNET =
      List.of(INCREASING, DISTINCT, FLOPS, PARAMS, ACTS);

  private final String displayName;

  CandidateCheck(String displayName) {
    this.displayName = displayName;
  }

  /** The name in {@link SamplingStats} and in the failure message. */
  String displayName() {
    return displayName;
  }

  /** The checks a candidate of this family meets, in order. */
  static List<CandidateCheck> forFamily(boolean regnet) {
    return regnet ? REGNET : ANYNET;
  }

  /** Checks without a constraint behind them pass everything and are left out of the report. */
  boolean isActive(Constraints c) {
    return switch (this) {
      case INCREASING -> !c.increasing().isEmpty();
      case FLOPS -> !c.flops().isUnbounded();
      case PARAMS -> !c.params().isUnbounded();
      case ACTS -> !c.acts().isUnbounded();
      case STAGES, DISTINCT -> true;
    };
  }

  /** The constraint behind the check as the failure message shows it, with a leading space. */
  String constraintText(Constraints c) {
    return switch (this) {
      case STAGES -> " [num_stages == total_stages, within " + range(c.stages()) + "]";
      case FLOPS -> " [" + range(c.flops()) + "]";
      case PARAMS -> " [" + range(c.params()) + "]";
      case ACTS -> " [" + range(c.acts()) + "]";
      case INCREASING ->
          " " + c.increasing().stream().map(Parameter::externalName).sorted().toList();
      case DISTINCT -> "";
    };
  }

  private static String range(Bound b) {
    return (b.min() == null ? "-inf" : SpecNumbers.format(b.min()))
        + ", "
        + (b.max() == null ? "inf" : SpecNumbers.format(b.max()));
  }
}
