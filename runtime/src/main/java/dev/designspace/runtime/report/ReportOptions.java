package dev.designspace.runtime.report;

import dev.designspace.runtime.analysis.SpaceVerdict;
import java.util.List;
import java.util.Locale;

/**
 * How a report compares its sweeps.
 *
 * @param margin points of error within which one space counts as no worse than, or as good as,
 *     another
 * @param goodThreshold the error (%) a good model reaches, for the fraction of good models; NaN:
 *     the 25th percentile of the two spaces' errors pooled
 * @param complexity the measure the normalised EDFs bin by
 * @param notes lines about how the sweeps were run (a sequential run's looks), shown at the top
 */
public record ReportOptions(
    double margin, double goodThreshold, Complexity complexity, List<String> notes) {

  public static final ReportOptions DEFAULTS =
      new ReportOptions(SpaceVerdict.DEFAULT_MARGIN, Double.NaN, Complexity.FLOPS, List.of());

  public ReportOptions {
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new IllegalArgumentException("--margin must be a number >= 0, got " + margin);
    }
    if (!Double.isNaN(goodThreshold) && !(goodThreshold > 0)) {
      throw new IllegalArgumentException("--good must be an error > 0, got " + goodThreshold);
    }
    notes = List.copyOf(notes);
  }

  public ReportOptions withNotes(List<String> lines) {
    return new ReportOptions(margin, goodThreshold, complexity, lines);
  }

  /** A complexity measure of a model. */
  public enum Complexity {
    FLOPS,
    PARAMS,
    ACTS;

    public String cliName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
