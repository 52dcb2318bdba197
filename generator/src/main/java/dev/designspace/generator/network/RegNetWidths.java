package dev.designspace.generator.network;

import java.util.List;

/**
 * What {@link RegNetQuantizer} derives from (d, w0, wa, wm): the continuous widths u_j, the
 * quantised per-block widths, and the stages as runs of equal width.
 *
 * @param numStages number of distinct quantised widths
 * @param totalStages {@code max(k_j) + 1}; differs from {@code numStages} when a stage index has no
 *     block or two indices round to the same width (pycls rejects such samples)
 */
public record RegNetWidths(
    List<Double> continuousWidths,
    List<Integer> blockWidths,
    List<Integer> stageWidths,
    List<Integer> stageDepths,
    int numStages,
    int totalStages) {

  public RegNetWidths {
    continuousWidths = List.copyOf(continuousWidths);
    blockWidths = List.copyOf(blockWidths);
    stageWidths = List.copyOf(stageWidths);
    stageDepths = List.copyOf(stageDepths);
  }
}
