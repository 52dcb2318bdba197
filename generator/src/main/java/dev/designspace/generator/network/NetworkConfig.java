package dev.designspace.generator.network;

import dev.designspace.model.BlockType;
import dev.designspace.model.RegNetParams;
import dev.designspace.model.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fully resolved network: settings shared with its design space plus per-stage structure. RegNets
 * and sampled AnyNets are built after the compatibility adjustment, fixed AnyNets as written.
 * Immutable; invalid structures cannot be constructed.
 *
 * @param regNet present when the network was made from RegNet parameters
 */
public record NetworkConfig(
    String name, NetworkSettings settings, List<Stage> stages, Optional<RegNetOrigin> regNet) {

  /** Stride of every RegNet stage (pycls REGNET.STRIDE). */
  public static final int REGNET_STRIDE = 2;

  public NetworkConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(regNet, "regNet");
    stages = List.copyOf(stages);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one stage");
    }
    if (settings.block().isBottleneck()) {
      for (int i = 0; i < stages.size(); i++) {
        Stage s = stages.get(i);
        int wb = s.bottleneckWidth();
        if (wb < 1 || s.groupWidth() > wb || wb % s.groupWidth() != 0) {
          throw new IllegalArgumentException(
              "stage "
                  + (i + 1)
                  + ": bottleneck width "
                  + wb
                  + " (width "
                  + s.width()
                  + " / b "
                  + s.bottleneckRatio()
                  + ") is not a positive multiple of group width "
                  + s.groupWidth());
        }
      }
    }
  }

  /**
   * A RegNet: quantise (d, w0, wa, wm) into stages, stride 2 each, then adjust compatibility as
   * pycls's RegNet does, so that every generated width gives valid group convs.
   */
  public static NetworkConfig fromRegNet(
      String name, NetworkSettings settings, RegNetParams params) {
    RegNetWidths widths = RegNetQuantizer.quantize(params);
    int n = widths.numStages();
    int[] ws = new int[n];
    int[] ds = new int[n];
    int[] strides = new int[n];
    double[] bs = new double[n];
    int[] gs = new int[n];
    for (int i = 0; i < n; i++) {
      ws[i] = widths.stageWidths().get(i);
      ds[i] = widths.stageDepths().get(i);
      strides[i] = REGNET_STRIDE;
      bs[i] = params.bottleneckRatio();
      gs[i] = params.groupWidth();
    }
    return new NetworkConfig(
        name,
        settings,
        adjustedStages(settings.block(), ds, ws, strides, bs, gs),
        Optional.of(new RegNetOrigin(params, widths)));
  }

  /**
   * A fixed AnyNet, built as written like pycls's AnyNet: w_b = round_half_even(w / b) and w_b / g
   * groups, widths unchanged. pycls never adjusts a given AnyNet, so neither do we: its complexity
   * must be pycls's. A stage whose w_b is not a positive multiple of its group width is refused:
   * pycls's w_b // g groups would then be an invalid conv or not of width g.
   */
  public static NetworkConfig fromAnyNet(
      String name, NetworkSettings settings, AnyNetParams params) {
    PerStage a = new PerStage(params);
    return new NetworkConfig(
        name,
        settings,
        stages(settings.block(), a.depths, a.widths, a.strides, a.bs, a.gs),
        Optional.empty());
  }

  /**
   * A sampled AnyNet: drawn widths and group widths often give a w_b that the group width does not
   * divide, so x and y blocks get the compatibility adjustment pycls gives RegNets. pycls itself
   * does not adjust AnyNets; without it many draws would be invalid group convs.
   */
  public static NetworkConfig fromSampledAnyNet(
      String name, NetworkSettings settings, AnyNetParams params) {
    PerStage a = new PerStage(params);
    return new NetworkConfig(
        name,
        settings,
        adjustedStages(settings.block(), a.depths, a.widths, a.strides, a.bs, a.gs),
        Optional.empty());
  }

  /** AnyNet parameters as per-stage arrays; no group widths means one group (g = w_b). */
  private static final class PerStage {
    final int[] depths;
    final int[] widths;
    final int[] strides;
    final double[] bs;
    final int[] gs;

    PerStage(AnyNetParams params) {
      int n = params.stages();
      depths = new int[n];
      widths = new int[n];
      strides = new int[n];
      bs = new double[n];
      gs = new int[n];
      for (int i = 0; i < n; i++) {
        depths[i] = params.depths().get(i);
        widths[i] = params.widths().get(i);
        strides[i] = params.strides().get(i);
        bs[i] = params.bottleneckRatios().isEmpty() ? 1.0 : params.bottleneckRatios().get(i);
        gs[i] =
            params.groupWidths().isEmpty()
                ? Math.max(1, Stage.bottleneckWidth(widths[i], bs[i]))
                : params.groupWidths().get(i);
      }
    }
  }

  /** Bottleneck blocks get the compatibility adjustment first; see {@link #stages}. */
  private static List<Stage> adjustedStages(
      BlockType block, int[] depths, int[] widths, int[] strides, double[] bs, int[] gs) {
    if (!block.isBottleneck()) {
      return stages(block, depths, widths, strides, bs, gs);
    }
    BlockCompatibility.Adjusted adjusted = BlockCompatibility.adjust(widths, bs, gs);
    return stages(block, depths, adjusted.widths(), strides, bs, adjusted.groupWidths());
  }

  /**
   * Builds the stages as given. v and r blocks have no bottleneck and a dense 3x3 conv, recorded as
   * b = 1 and group width = width.
   */
  private static List<Stage> stages(
      BlockType block, int[] depths, int[] widths, int[] strides, double[] bs, int[] gs) {
    List<Stage> stages = new ArrayList<>(depths.length);
    for (int i = 0; i < depths.length; i++) {
      stages.add(
          block.isBottleneck()
              ? new Stage(depths[i], widths[i], strides[i], bs[i], gs[i])
              : new Stage(depths[i], widths[i], strides[i], 1.0, widths[i]));
    }
    return stages;
  }

  public NetworkConfig withName(String newName) {
    return new NetworkConfig(newName, settings, stages, regNet);
  }

  public List<Integer> depths() {
    return stages.stream().map(Stage::depth).toList();
  }

  public List<Integer> widths() {
    return stages.stream().map(Stage::width).toList();
  }

  public List<Integer> strides() {
    return stages.stream().map(Stage::stride).toList();
  }

  public List<Double> bottleneckRatios() {
    return stages.stream().map(Stage::bottleneckRatio).toList();
  }

  public List<Integer> groupWidths() {
    return stages.stream().map(Stage::groupWidth).toList();
  }

  /** Total number of blocks. */
  public int totalDepth() {
    return stages.stream().mapToInt(Stage::depth).sum();
  }

  /** Output width of each block, in order: the per-block width profile. */
  public List<Integer> blockWidths() {
    List<Integer> out = new ArrayList<>(totalDepth());
    for (Stage s : stages) {
      for (int j = 0; j < s.depth(); j++) {
        out.add(s.width());
      }
    }
    return out;
  }

  /** SE width of a block: pycls rounds (half even) its input width times the SE ratio. */
  public int seWidth(int blockInputWidth) {
    return (int) Math.rint(blockInputWidth * settings.seRatio());
  }
}
