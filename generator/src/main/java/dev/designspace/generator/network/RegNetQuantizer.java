package dev.designspace.generator.network;

import dev.designspace.model.RegNetParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RegNet generation (pycls {@code generate_regnet}): u_j = w0 + j wa, k_j = rhe(log(u_j / w0) /
 * log(wm)), block width = rhe(w0 wm^k_j / 8) * 8, stages = runs of equal width.
 *
 * <p>{@link StrictMath} keeps the result identical on every JVM and platform.
 */
public final class RegNetQuantizer {

  private RegNetQuantizer() {}

  public static RegNetWidths quantize(int depth, double w0, double wa, double wm) {
    int[] blockWidths = new int[depth];
    double[] continuous = new double[depth];
    int maxK = quantizeInto(depth, w0, wa, wm, blockWidths, continuous);
    List<Integer> stageWidths = new ArrayList<>();
    List<Integer> stageDepths = new ArrayList<>();
    // np.unique sorts; k_j never decreases, so a run-length encoding gives the same stages.
    int[] sorted = blockWidths.clone();
    Arrays.sort(sorted);
    for (int width : sorted) {
      int last = stageWidths.size() - 1;
      if (last >= 0 && stageWidths.get(last) == width) {
        stageDepths.set(last, stageDepths.get(last) + 1);
      } else {
        stageWidths.add(width);
        stageDepths.add(1);
      }
    }
    List<Double> cont = new ArrayList<>(depth);
    List<Integer> blocks = new ArrayList<>(depth);
    for (int j = 0; j < depth; j++) {
      cont.add(continuous[j]);
      blocks.add(blockWidths[j]);
    }
    return new RegNetWidths(cont, blocks, stageWidths, stageDepths, stageWidths.size(), maxK + 1);
  }

  public static RegNetWidths quantize(RegNetParams p) {
    return quantize(p.depth(), p.w0(), p.wa(), p.wm());
  }

  /**
   * Allocation-free core used by the sampler and the fit: fills {@code blockWidths} (and {@code
   * continuous} when not null) and returns {@code max(k_j)}.
   */
  public static int quantizeInto(
      int depth, double w0, double wa, double wm, int[] blockWidths, double[] continuous) {
    double logWm = StrictMath.log(wm);
    int maxK = 0;
    int cachedK = -1;
    int cachedWidth = 0;
    for (int j = 0; j < depth; j++) {
      double u = j * wa + w0;
      if (continuous != null) {
        continuous[j] = u;
      }
      int k = (int) Math.rint(StrictMath.log(u / w0) / logWm);
      if (k != cachedK) {
        double wq = w0 * StrictMath.pow(wm, k);
        cachedWidth = (int) Math.rint(wq / RegNetParams.QUANTUM) * RegNetParams.QUANTUM;
        cachedK = k;
      }
      blockWidths[j] = cachedWidth;
      maxK = Math.max(maxK, k);
    }
    return maxK;
  }

  /**
   * Number of distinct widths and total stages without allocating: {@code result[0] = numStages},
   * {@code result[1] = totalStages}.
   */
  public static void countStages(
      int depth, double w0, double wa, double wm, int[] scratch, int[] result) {
    int maxK = quantizeInto(depth, w0, wa, wm, scratch, null);
    int distinct = 0;
    int previous = Integer.MIN_VALUE;
    for (int j = 0; j < depth; j++) {
      if (scratch[j] != previous) {
        distinct++;
        previous = scratch[j];
      }
    }
    result[0] = distinct;
    result[1] = maxK + 1;
  }
}
