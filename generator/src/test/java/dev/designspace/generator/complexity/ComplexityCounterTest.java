package dev.designspace.generator.complexity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.designspace.generator.network.AnyNetParams;
import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.NetworkSettings;
import dev.designspace.generator.network.Stem;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.generator.testing.Tsv;
import dev.designspace.model.Activation;
import dev.designspace.model.BlockType;
import dev.designspace.model.RegNetParams;
import dev.designspace.model.StemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComplexityCounterTest {

  /** All 24 published zoo models: structure and complexity equal pycls's model_complexity.json. */
  @Test
  void zooSpecsReproducePublishedStructureAndComplexity() {
    Map<String, NetworkConfig> zoo = new java.util.HashMap<>();
    for (String spec : List.of("zoo-regnetx.yaml", "zoo-regnety.yaml")) {
      DesignSpace space = SpecLoader.load(Tsv.spec(spec));
      space.models().forEach(m -> zoo.put(m.name(), m));
    }
    List<Map<String, String>> published = Tsv.read("/reference/zoo-published.tsv");
    assertThat(published).hasSize(24);
    assertThat(zoo).hasSize(24);
    List<String> mismatches = new ArrayList<>();
    for (Map<String, String> row : published) {
      NetworkConfig n = zoo.get(row.get("name"));
      assertThat(n).as(row.get("name")).isNotNull();
      Complexity cx = ComplexityCounter.count(n);
      String expected =
          row.get("stage_depths")
              + row.get("stage_widths")
              + row.get("stage_group_ws")
              + " "
              + row.get("flops")
              + " "
              + row.get("params")
              + " "
              + row.get("acts");
      String actual =
          compact(n.depths())
              + compact(n.widths())
              + compact(n.groupWidths())
              + " "
              + cx.flops()
              + " "
              + cx.params()
              + " "
              + cx.acts();
      if (!expected.equals(actual)) {
        mismatches.add(row.get("name") + ": expected " + expected + ", got " + actual);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  private static String compact(List<Integer> xs) {
    return xs.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
  }

  /** pycls's CIFAR AnyNets (configs/archive/cifar/anynet, dev/model_complexity.json) at 32x32. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "R-56,  r, 9,  125747850, 855770, 544778",
    "R-110, r, 18, 253149834, 1730714, 1060874",
    "V-56,  v, 9,  125485706, 853018, 532490",
  })
  void cifarAnyNetsMatchPycls(
      String name, String block, int depth, long flops, long params, long acts) {
    NetworkSettings s =
        new NetworkSettings(
            32,
            3,
            10,
            new Stem(StemType.CIFAR, 16),
            BlockType.fromSpecName(block).orElseThrow(),
            0,
            0,
            Activation.RELU);
    NetworkConfig n =
        NetworkConfig.fromAnyNet(
            name,
            s,
            new AnyNetParams(
                List.of(depth, depth, depth),
                List.of(16, 32, 64),
                List.of(1, 2, 2),
                List.of(),
                List.of()));
    assertThat(ComplexityCounter.count(n)).isEqualTo(new Complexity(flops, params, acts));
  }

  /**
   * A fixed AnyNet whose w / b is not an integer is built and counted as written, as pycls's AnyNet
   * builds it: w_b = round_half_even(w / 4) = 6, 14, 30 (6.5, 14.5, 30.5 round to even), groups =
   * w_b / 2 = 3, 7, 15, widths stay 26, 58, 122. Expected figures by hand from pycls's
   * complexity(): conv k*k*cin*cout/groups*h*w flops and k*k*cin*cout/groups params with (h, w) its
   * output size, acts cout*h*w; BN 2c params; fc cin*cout+cout flops and params, cout acts; a
   * projection shortcut first, at the block's input size.
   */
  @Test
  void fixedAnyNetIsCountedAsWrittenAsPyclsCountsIt() {
    NetworkSettings s =
        new NetworkSettings(
            28, 1, 10, new Stem(StemType.CIFAR, 16), BlockType.X, 0, 0, Activation.RELU);
    NetworkConfig n =
        NetworkConfig.fromAnyNet(
            "fixed",
            s,
            new AnyNetParams(
                List.of(1, 1, 1),
                List.of(26, 58, 122),
                List.of(2, 2, 2),
                List.of(4.0, 4.0, 4.0),
                List.of(2, 2, 2)));
    assertThat(n.widths()).containsExactly(26, 58, 122);
    assertThat(n.groupWidths()).containsExactly(2, 2, 2);
    assertThat(n.stages()).extracting(st -> st.bottleneckWidth()).containsExactly(6, 14, 30);
    assertThat(n.stages()).extracting(st -> st.groups()).containsExactly(3, 7, 15);

    // stem: 3x3 conv s1 1->16 at 28x28, BN 16
    long flops = 9L * 1 * 16 * 28 * 28;
    long params = 9L * 1 * 16 + 2 * 16;
    long acts = 16L * 28 * 28;
    // stage 1 (16 -> 26, w_b 6, 3 groups, stride 2: 28x28 -> 14x14)
    flops += 16L * 26 * 14 * 14; // proj 1x1 s2 at 14x14
    params += 16L * 26 + 2 * 26;
    acts += 26L * 14 * 14;
    flops += 16L * 6 * 28 * 28; // a: 1x1 16->6 at 28x28
    params += 16L * 6 + 2 * 6;
    acts += 6L * 28 * 28;
    flops += 9L * 6 * 6 / 3 * 14 * 14; // b: 3x3 s2 6->6, 3 groups, at 14x14
    params += 9L * 6 * 6 / 3 + 2 * 6;
    acts += 6L * 14 * 14;
    flops += 6L * 26 * 14 * 14; // c: 1x1 6->26 at 14x14
    params += 6L * 26 + 2 * 26;
    acts += 26L * 14 * 14;
    // stage 2 (26 -> 58, w_b 14, 7 groups: 14x14 -> 7x7)
    flops += 26L * 58 * 7 * 7;
    params += 26L * 58 + 2 * 58;
    acts += 58L * 7 * 7;
    flops += 26L * 14 * 14 * 14;
    params += 26L * 14 + 2 * 14;
    acts += 14L * 14 * 14;
    flops += 9L * 14 * 14 / 7 * 7 * 7;
    params += 9L * 14 * 14 / 7 + 2 * 14;
    acts += 14L * 7 * 7;
    flops += 14L * 58 * 7 * 7;
    params += 14L * 58 + 2 * 58;
    acts += 58L * 7 * 7;
    // stage 3 (58 -> 122, w_b 30, 15 groups: 7x7 -> 4x4, as (7 + 2 - 3) / 2 + 1 = 4)
    flops += 58L * 122 * 4 * 4;
    params += 58L * 122 + 2 * 122;
    acts += 122L * 4 * 4;
    flops += 58L * 30 * 7 * 7;
    params += 58L * 30 + 2 * 30;
    acts += 30L * 7 * 7;
    flops += 9L * 30 * 30 / 15 * 4 * 4;
    params += 9L * 30 * 30 / 15 + 2 * 30;
    acts += 30L * 4 * 4;
    flops += 30L * 122 * 4 * 4;
    params += 30L * 122 + 2 * 122;
    acts += 122L * 4 * 4;
    // head: global average pool, fc 122->10 with bias
    flops += 122L * 10 + 10;
    params += 122L * 10 + 10;
    acts += 10;
    assertThat(new Complexity(flops, params, acts))
        .isEqualTo(new Complexity(785_718, 19_158, 43_594));
    assertThat(ComplexityCounter.count(n)).isEqualTo(new Complexity(flops, params, acts));
  }

  /**
   * The same model sampled is adjusted: the 3x3 conv gets a w_b that g divides, and w = w_b * b.
   */
  @Test
  void sampledAnyNetKeepsTheCompatibilityAdjustment() {
    NetworkSettings s =
        new NetworkSettings(
            28, 1, 10, new Stem(StemType.CIFAR, 16), BlockType.X, 0, 0, Activation.RELU);
    AnyNetParams p =
        new AnyNetParams(
            List.of(1, 1, 1),
            List.of(26, 58, 122),
            List.of(2, 2, 2),
            List.of(4.0, 4.0, 4.0),
            List.of(4, 4, 4));
    NetworkConfig n = NetworkConfig.fromSampledAnyNet("sampled", s, p);
    // pycls adjust_block_compatibility: v = int(w / 4) = 6, 14, 30; rounded half to even to a
    // multiple of 4: 8 (1.5 -> 2), 16 (3.5 -> 4), 32 (7.5 -> 8); widths v * 4
    assertThat(n.widths()).containsExactly(32, 64, 128);
    assertThat(n.stages()).extracting(st -> st.bottleneckWidth()).containsExactly(8, 16, 32);
    assertThat(n.stages()).extracting(st -> st.groups()).containsExactly(2, 4, 8);
    // as written, w_b 6 is no multiple of 4, so the fixed model cannot be built
    assertThatThrownBy(() -> NetworkConfig.fromAnyNet("fixed", s, p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "stage 1: bottleneck width 6 (width 26 / b 4.0) is not a positive multiple of group"
                + " width 4");
  }

  /** cifar_best of pycls's CIFAR RegNet sweep: cifar stem, SE, two stages. */
  @Test
  void cifarBestRegNetWithSe() {
    NetworkSettings s =
        new NetworkSettings(
            32, 3, 10, new Stem(StemType.CIFAR, 16), BlockType.Y, 0.25, 0, Activation.RELU);
    NetworkConfig n =
        NetworkConfig.fromRegNet("cifar_best", s, new RegNetParams(12, 96, 19.5, 2.942, 8, 1));
    assertThat(n.widths()).containsExactly(96, 280);
    assertThat(n.depths()).containsExactly(4, 8);
    assertThat(ComplexityCounter.count(n))
        .isEqualTo(new Complexity(120_497_384, 1_811_688, 914_584));
  }

  /** Layer-by-layer walk of RegNetX/Y-200MF against reference/cx_trace_regnet200mf.tsv. */
  @Test
  void traceMatchesReferenceLayerByLayer() {
    List<Map<String, String>> rows = Tsv.read("/reference/cx_trace_regnet200mf.tsv");
    for (String model : List.of("RegNetX-200MF", "RegNetY-200MF")) {
      boolean y = model.startsWith("RegNetY");
      NetworkSettings s =
          NetworkSettings.imageNetDefaults().withBlock(y ? BlockType.Y : BlockType.X, y ? 0.25 : 0);
      NetworkConfig n =
          NetworkConfig.fromRegNet(model, s, new RegNetParams(13, 24, 36.44, 2.49, 8, 1));
      List<LayerCost> trace = ComplexityCounter.trace(n);
      List<Map<String, String>> expected =
          rows.stream().filter(r -> r.get("model").equals(model)).toList();
      assertThat(trace).hasSize(expected.size());
      for (int i = 0; i < trace.size(); i++) {
        LayerCost l = trace.get(i);
        Map<String, String> r = expected.get(i);
        String where = model + " layer " + i + " (" + l.path() + ")";
        assertThat(l.kind()).as(where).isEqualTo(r.get("layer"));
        if (!l.kind().equals("gap") && !l.kind().equals("bn")) {
          assertThat(l.inChannels()).as(where).isEqualTo(Integer.parseInt(r.get("cin")));
          assertThat(l.groups()).as(where).isEqualTo(Integer.parseInt(r.get("groups")));
          assertThat(l.stride()).as(where).isEqualTo(Integer.parseInt(r.get("stride")));
        }
        assertThat(l.outChannels())
            .as(where)
            .isEqualTo(l.kind().equals("gap") ? 0 : Integer.parseInt(r.get("cout")));
        assertThat(l.height()).as(where).isEqualTo(Integer.parseInt(r.get("h_out")));
        assertThat(l.delta())
            .as(where)
            .isEqualTo(
                new Complexity(
                    Long.parseLong(r.get("d_flops")),
                    Long.parseLong(r.get("d_params")),
                    Long.parseLong(r.get("d_acts"))));
        assertThat(l.total())
            .as(where)
            .isEqualTo(
                new Complexity(
                    Long.parseLong(r.get("cum_flops")),
                    Long.parseLong(r.get("cum_params")),
                    Long.parseLong(r.get("cum_acts"))));
      }
      assertThat(trace.get(trace.size() - 1).total()).isEqualTo(ComplexityCounter.count(n));
    }
  }

  /** The resnet stem's max pool adds acts but no flops or params; counted by hand. */
  @Test
  void resnetStemCountsMaxPoolActivations() {
    NetworkSettings s =
        new NetworkSettings(
            224, 3, 10, new Stem(StemType.RESNET, 8), BlockType.R, 0, 0, Activation.RELU);
    NetworkConfig n =
        NetworkConfig.fromAnyNet(
            "tiny", s, new AnyNetParams(List.of(1), List.of(8), List.of(1), List.of(), List.of()));
    // stem conv 7x7 s2: 112x112; max pool s2: 56x56; one r block 8->8 at 56x56, stride 1: no
    // projection
    long stemFlops = 7L * 7 * 3 * 8 * 112 * 112;
    long blockFlops = 2L * 9 * 8 * 8 * 56 * 56;
    long fc = 8L * 10 + 10;
    assertThat(ComplexityCounter.count(n))
        .isEqualTo(
            new Complexity(
                stemFlops + blockFlops + fc,
                7L * 7 * 3 * 8 + 16 + 2 * (9L * 8 * 8 + 16) + fc,
                8L * 112 * 112 + 8L * 56 * 56 + 2L * 8 * 56 * 56 + 10));
    assertThat(ComplexityCounter.trace(n)).extracting(LayerCost::kind).contains("maxpool");
  }

  /** A head conv adds a 1x1 conv and BN before pooling, and the classifier reads its width. */
  @Test
  void headWidthAddsConvAndBn() {
    NetworkSettings plain =
        new NetworkSettings(
            32, 3, 10, new Stem(StemType.CIFAR, 16), BlockType.R, 0, 0, Activation.RELU);
    NetworkSettings headed =
        new NetworkSettings(
            32, 3, 10, new Stem(StemType.CIFAR, 16), BlockType.R, 0, 64, Activation.RELU);
    AnyNetParams p = new AnyNetParams(List.of(1), List.of(16), List.of(2), List.of(), List.of());
    Complexity a = ComplexityCounter.count(NetworkConfig.fromAnyNet("a", plain, p));
    Complexity b = ComplexityCounter.count(NetworkConfig.fromAnyNet("b", headed, p));
    // at 16x16 after the stride-2 stage: conv 16->64, BN 64; fc 16->10 becomes 64->10
    assertThat(b.flops() - a.flops()).isEqualTo(16L * 64 * 16 * 16 + (64L * 10 - 16L * 10));
    assertThat(b.params() - a.params()).isEqualTo(16L * 64 + 2 * 64 + (64L * 10 - 16L * 10));
    assertThat(b.acts() - a.acts()).isEqualTo(64L * 16 * 16);
  }
}
