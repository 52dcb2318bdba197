package dev.designspace.generator.fit;

import java.util.List;

/**
 * The best quantised linear fit found.
 *
 * @param eFit mean absolute log-ratio of fitted to observed block widths (0: exact)
 * @param fittedWidths the per-block widths the fitted parameters produce
 */
public record RegNetFitResult(
    int depth, int w0, double wa, double wm, double eFit, List<Integer> fittedWidths) {
  public RegNetFitResult {
    fittedWidths = List.copyOf(fittedWidths);
  }
}
