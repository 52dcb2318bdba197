package dev.designspace.generator.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.generator.complexity.Complexity;
import dev.designspace.generator.complexity.ComplexityCounter;
import dev.designspace.generator.testing.Tsv;
import dev.designspace.model.BlockType;
import dev.designspace.model.RegNetParams;
import dev.designspace.model.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegNetQuantizerTest {

  private static NetworkConfig zoo(int d, int w0, double wa, double wm, int g, boolean se) {
    NetworkSettings s =
        NetworkSettings.imageNetDefaults().withBlock(se ? BlockType.Y : BlockType.X, se ? 0.25 : 0);
    return NetworkConfig.fromRegNet("m", s, new RegNetParams(d, w0, wa, wm, g, 1));
  }

  @Test
  void roundingTrapsOfTheZooRoundHalfToEven() {
    // RegNetX-400MF: 392 / 16 = 24.5 rounds to 24, so 384 (half-up would give 400)
    assertThat(zoo(22, 24, 24.48, 2.54, 16, false).widths()).containsExactly(32, 64, 160, 384);
    // RegNetY-800MF: 136 / 16 = 8.5 -> 128 and 776 / 16 = 48.5 -> 768
    assertThat(zoo(14, 56, 38.84, 2.4, 16, true).widths()).containsExactly(64, 128, 320, 768);
    // RegNetX-8.0GF: the first stage is narrower than g = 120, so g shrinks to 80 there
    assertThat(zoo(23, 80, 49.56, 2.88, 120, false).groupWidths())
        .containsExactly(80, 120, 120, 120);
    // RegNetY-4.0GF: 96 / 64 = 1.5 rounds to 2, giving 128 > w0
    assertThat(zoo(22, 96, 31.41, 2.24, 64, true).widths().get(0)).isEqualTo(128);
  }

  @Test
  void numStagesDiffersFromTotalStagesWhenAStageIndexIsSkipped() {
    // u = 8, 108, 208: k = rhe(log2(u / 8)) = 0, 4 (3.75), 5 (4.70); indices 1-3 have no block
    RegNetWidths w = RegNetQuantizer.quantize(3, 8, 100, 2.0);
    assertThat(w.blockWidths()).containsExactly(8, 128, 256);
    assertThat(w.numStages()).isEqualTo(3);
    assertThat(w.totalStages()).isEqualTo(6);
  }

  @Test
  void countStagesAgreesWithQuantize() {
    int[] scratch = new int[64];
    int[] counts = new int[2];
    for (Map<String, String> row : Tsv.read("/reference/regnet_golden.tsv")) {
      int d = Integer.parseInt(row.get("depth"));
      double w0 = Double.parseDouble(row.get("w0"));
      double wa = Double.parseDouble(row.get("wa"));
      double wm = Double.parseDouble(row.get("wm"));
      RegNetQuantizer.countStages(d, w0, wa, wm, scratch, counts);
      RegNetWidths w = RegNetQuantizer.quantize(d, w0, wa, wm);
      assertThat(counts).containsExactly(w.numStages(), w.totalStages());
    }
  }

  /**
   * 3,000 random parameter sets against numpy (make_regnet_golden.py): block widths, stages,
   * num/total stages, the compatibility adjustment with bottlenecks and inverted bottlenecks, and
   * complexity with and without SE.
   */
  @Test
  void matchesNumpyGoldenData() {
    List<String> mismatches = new ArrayList<>();
    List<Map<String, String>> rows = Tsv.read("/reference/regnet_golden.tsv");
    assertThat(rows).hasSize(3000);
    for (Map<String, String> row : rows) {
      int d = Integer.parseInt(row.get("depth"));
      double w0 = Double.parseDouble(row.get("w0"));
      double wa = Double.parseDouble(row.get("wa"));
      double wm = Double.parseDouble(row.get("wm"));
      int g = Integer.parseInt(row.get("group_w"));
      double b = Double.parseDouble(row.get("b"));
      double se = Double.parseDouble(row.get("se_r"));
      RegNetWidths w = RegNetQuantizer.quantize(d, w0, wa, wm);
      NetworkSettings s =
          NetworkSettings.imageNetDefaults().withBlock(se > 0 ? BlockType.Y : BlockType.X, se);
      NetworkConfig n = NetworkConfig.fromRegNet("g", s, new RegNetParams(d, w0, wa, wm, g, b));
      Complexity cx = ComplexityCounter.count(n);
      String expected =
          String.join(
              " | ",
              row.get("block_widths"),
              row.get("num_stages"),
              row.get("total_stages"),
              row.get("stage_depths"),
              row.get("stage_widths"),
              row.get("adj_widths"),
              row.get("adj_group_ws"),
              row.get("flops"),
              row.get("params"),
              row.get("acts"));
      String actual =
          String.join(
              " | ",
              join(w.blockWidths()),
              "" + w.numStages(),
              "" + w.totalStages(),
              join(w.stageDepths()),
              join(w.stageWidths()),
              join(n.widths()),
              join(n.groupWidths()),
              "" + cx.flops(),
              "" + cx.params(),
              "" + cx.acts());
      if (!expected.equals(actual)) {
        mismatches.add(row + "\n  expected " + expected + "\n  actual   " + actual);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  private static String join(List<Integer> xs) {
    return String.join(",", xs.stream().map(String::valueOf).toList());
  }

  /**
   * Over the default RegNet sampler ranges (pycls: d 12-28, w0 8-256, wa 8-256, wm 2-3, g 8-128)
   * and more: widths are multiples of 8, stages sorted, (w * b) % g == 0 after adjustment, and the
   * path never throws.
   */
  @Test
  void quantiserAndAdjustmentPropertiesOverTheSamplerRange() {
    java.util.Random random = new java.util.Random(42);
    double[] bs = {1, 2, 4, 0.5, 0.25};
    for (int i = 0; i < 20_000; i++) {
      int d = 1 + random.nextInt(64);
      int w0 = 8 * (1 + random.nextInt(32));
      double wa = Math.round(random.nextDouble() * 2560) / 10.0;
      double wm = 1.5 + Math.round(random.nextDouble() * 1500) / 1000.0;
      int g = 1 + random.nextInt(128);
      double b = bs[random.nextInt(bs.length)];
      RegNetWidths w = RegNetQuantizer.quantize(d, w0, wa, wm);
      assertThat(w.blockWidths()).allMatch(x -> x % 8 == 0 && x > 0);
      assertThat(w.stageWidths()).isSorted().doesNotHaveDuplicates();
      assertThat(w.blockWidths()).isSorted();
      assertThat(w.stageDepths().stream().mapToInt(Integer::intValue).sum()).isEqualTo(d);
      assertThat(w.numStages()).isLessThanOrEqualTo(w.totalStages());
      for (BlockType block : BlockType.values()) {
        NetworkSettings s =
            NetworkSettings.imageNetDefaults().withBlock(block, block == BlockType.Y ? 0.25 : 0);
        NetworkConfig n = NetworkConfig.fromRegNet("p", s, new RegNetParams(d, w0, wa, wm, g, b));
        if (block.isBottleneck()) {
          for (Stage st : n.stages()) {
            assertThat(Math.rint(st.width() / st.bottleneckRatio()) % st.groupWidth()).isZero();
            assertThat(st.groupWidth()).isLessThanOrEqualTo(st.bottleneckWidth());
          }
        }
        Complexity cx = ComplexityCounter.count(n);
        assertThat(cx.flops()).isPositive();
        assertThat(cx.params()).isPositive();
      }
    }
  }
}
