package dev.designspace.runtime.cli;

import dev.designspace.runtime.analysis.SpaceVerdict;
import dev.designspace.runtime.report.ReportOptions;
import picocli.CommandLine.Option;

/** How a report compares design spaces: the margin, good models, the normalisation's measure. */
final class ComparisonOptions {
  @Option(
      names = "--margin",
      paramLabel = "POINTS",
      defaultValue = "" + SpaceVerdict.DEFAULT_MARGIN,
      description =
          "Points of top-1 error within which one space counts as no worse than, or as good as,"
              + " another (default: ${DEFAULT-VALUE}; see docs/algorithms.md, Verdicts).")
  double margin;

  @Option(
      names = "--good",
      paramLabel = "ERROR",
      description =
          "Error (%%) a good model reaches, for the fraction of good models (default: the 25th"
              + " percentile of the two spaces' errors pooled).")
  Double good;

  @Option(
      names = "--complexity",
      paramLabel = "M",
      defaultValue = "flops",
      converter = OptionValues.Complexities.class,
      completionCandidates = OptionValues.Complexities.class,
      description =
          "The measure the normalised EDFs bin by: ${COMPLETION-CANDIDATES} (default:"
              + " ${DEFAULT-VALUE}).")
  ReportOptions.Complexity complexity;

  ReportOptions reportOptions() {
    return new ReportOptions(margin, good != null ? good : Double.NaN, complexity);
  }
}
