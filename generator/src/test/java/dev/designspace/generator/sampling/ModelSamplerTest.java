package dev.designspace.generator.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.designspace.command.BadInputException;
import dev.designspace.generator.complexity.ComplexityCounter;
import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.RegNetQuantizer;
import dev.designspace.generator.network.RegNetWidths;
import dev.designspace.generator.space.Bound;
import dev.designspace.generator.space.Constraints;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.generator.testing.Tsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSamplerTest {

  private static DesignSpace shipped(String name) {
    return SpecLoader.load(Tsv.spec(name));
  }

  /** 1,000 draws from each shipped space honour every constraint, checked independently here. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "anynet-xa.yaml",
        "anynet-xb.yaml",
        "anynet-xc.yaml",
        "anynet-xd.yaml",
        "anynet-xe.yaml",
        "regnet-x.yaml",
        "regnet-y.yaml",
        "regnet-x-constrained.yaml",
        "fmnist-anynet-xa.yaml",
        "fmnist-regnet-x.yaml"
      })
  void thousandSamplesHonourEveryConstraint(String spec) {
    DesignSpace space = shipped(spec);
    SampleResult result = ModelSampler.sample(SampleRequest.of(space, 1000, 2020));
    assertThat(result.models()).hasSize(1000);
    Constraints c = space.constraints();
    Set<Object> structures = new HashSet<>();
    for (SampledModel m : result.models()) {
      NetworkConfig n = m.network();
      // complexity recounted from the structure, against the bounds
      assertThat(ComplexityCounter.count(n)).isEqualTo(m.complexity());
      assertThat(c.flops().contains(m.complexity().flops())).as("flops of %s", m.name()).isTrue();
      assertThat(c.params().contains(m.complexity().params()))
          .as("params of %s", m.name())
          .isTrue();
      assertThat(c.acts().contains(m.complexity().acts())).as("acts of %s", m.name()).isTrue();
      assertThat(structures.add(n.stages())).as("%s is distinct", m.name()).isTrue();
      if (n.regNet().isPresent()) {
        RegNetWidths w = n.regNet().get().widths();
        assertThat(w.numStages()).isEqualTo(w.totalStages());
        assertThat(c.stages().contains(w.numStages())).isTrue();
        var p = n.regNet().get().params();
        assertThat(RegNetQuantizer.quantize(p).stageWidths()).hasSize(n.stages().size());
        assertThat(List.<Object>of(p.depth(), (int) p.w0(), p.wa(), p.wm()))
            .containsExactly(
                m.parameters().get("depth"),
                m.parameters().get("w0"),
                m.parameters().get("wa"),
                m.parameters().get("wm"));
      } else {
        for (Parameter shared : c.shared()) {
          assertThat(new HashSet<>((List<?>) m.parameters().get(shared.externalName())))
              .as("%s shared in %s", shared, m.name())
              .hasSize(1);
        }
        if (c.increasing().contains(Parameter.WIDTH)) {
          assertThat(n.widths()).isSorted();
          List<?> drawnWidths = (List<?>) m.parameters().get("width");
          assertThat(drawnWidths.stream().map(w -> (Integer) w).toList()).isSorted();
        }
        if (c.increasing().contains(Parameter.DEPTH)) {
          assertThat(n.depths()).isSorted();
        }
        assertThat(n.stages()).hasSize(((List<?>) m.parameters().get("depth")).size());
      }
    }
  }

  @Test
  void theSpacesActuallyDiffer() {
    // shared b only in B and later, increasing widths only in D and later: A's samples violate both
    SampleResult a = ModelSampler.sample(SampleRequest.of(shipped("anynet-xa.yaml"), 200, 1));
    assertThat(a.models()).anyMatch(m -> new HashSet<>(m.network().bottleneckRatios()).size() > 1);
    assertThat(a.models()).anyMatch(m -> !isSorted(m.network().widths()));
    SampleResult c =
        ModelSampler.sample(SampleRequest.of(shipped("regnet-x-constrained.yaml"), 200, 1));
    assertThat(c.models())
        .allMatch(
            m ->
                m.network().regNet().orElseThrow().params().bottleneckRatio() == 1.0
                    && m.network().regNet().get().params().wm() >= 2.0
                    && m.network().regNet().get().params().depth() <= 40);
  }

  private static boolean isSorted(List<Integer> xs) {
    for (int i = 1; i < xs.size(); i++) {
      if (xs.get(i) < xs.get(i - 1)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void sameSeedSameModelsAndPrefixStable() {
    DesignSpace space = shipped("regnet-x.yaml");
    SampleResult ten = ModelSampler.sample(SampleRequest.of(space, 10, 7));
    SampleResult tenAgain = ModelSampler.sample(SampleRequest.of(space, 10, 7));
    SampleResult four = ModelSampler.sample(SampleRequest.of(space, 4, 7));
    SampleResult other = ModelSampler.sample(SampleRequest.of(space, 10, 8));
    assertThat(tenAgain.models()).isEqualTo(ten.models());
    assertThat(four.models()).isEqualTo(ten.models().subList(0, 4));
    assertThat(other.models())
        .extracting(SampledModel::network)
        .doesNotContainAnyElementsOf(ten.models().stream().map(SampledModel::network).toList());
    assertThat(ten.models())
        .extracting(SampledModel::name)
        .startsWith("RegNetX_s0000", "RegNetX_s0001", "RegNetX_s0002");
    assertThat(ten.models()).allMatch(m -> m.seed() == 7);
  }

  /**
   * Cross-machine reproducibility: the first models of seed 0 are pinned. SplitMix64 and StrictMath
   * are specified bit for bit, so these hold on any JVM and CPU.
   */
  @Test
  void seedZeroIsPinned() {
    SampledModel first =
        ModelSampler.sample(SampleRequest.of(shipped("regnet-x.yaml"), 1, 0)).models().get(0);
    assertThat(first.parameters())
        .containsExactly(
            java.util.Map.entry("depth", 48),
            java.util.Map.entry("w0", 32),
            java.util.Map.entry("wa", 10.3),
            java.util.Map.entry("wm", 2.883),
            java.util.Map.entry("group_width", 1),
            java.util.Map.entry("bottleneck_ratio", 4.0));
    assertThat(first.network().widths()).containsExactly(32, 96, 264, 768);
    assertThat(first.network().depths()).containsExactly(3, 10, 28, 7);
    assertThat(first.complexity().flops()).isEqualTo(378_969_032L);
  }

  @Test
  void tooTightConstraintsReportCandidatesAndTheWorstCheck(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("tight.yaml");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "name: Tight",
            "sample:",
            "  family: regnet",
            "  depth: {dist: uniform, low: 12, high: 28, q: 1}",
            "  w0: {dist: log_uniform, low: 8, high: 256, q: 8}",
            "  wa: {dist: log_uniform, low: 8.0, high: 256.0, q: 0.1}",
            "  wm: {dist: log_uniform, low: 2.0, high: 3.0, q: 0.001}",
            "  group_width: 8",
            "constraints:",
            "  flops: [399.9e6, 400e6]",
            "  params: [null, 1e6]",
            ""));
    DesignSpace space = SpecLoader.load(spec);
    assertThatThrownBy(() -> ModelSampler.sample(new SampleRequest(space, 5, 0, 50_000)))
        .isInstanceOfSatisfying(
            SamplingException.class,
            e -> {
              SamplingStats s = e.stats();
              assertThat(s.candidates()).isEqualTo(50_000);
              assertThat(s.accepted()).isLessThan(5);
              assertThat(s.entered().keySet())
                  .containsExactly("stages", "distinct", "flops", "params");
              assertThat(s.entered().get("stages")).isEqualTo(50_000);
              assertThat(s.passed().get("stages")).isEqualTo(s.entered().get("distinct"));
              assertThat(s.worstCheck()).contains("stages");
              assertThat(s.mostSelectiveCheck())
                  .contains("params"); // no 400 MF model has under 1M params
              assertThat(e.getMessage())
                  .startsWith(
                      "found only "
                          + s.accepted()
                          + " of 5 distinct models of Tight in 50,000 candidates (seed 0)")
                  .contains("candidates tried: 50,000")
                  .contains("passed stages:")
                  .contains("passed flops:")
                  .contains("[399900000, 400000000]")
                  .contains(
                      "most rejections: 'stages' ("
                          + java.text.NumberFormat.getIntegerInstance(java.util.Locale.ROOT)
                              .format(s.rejectedBy("stages"))
                          + ")")
                  .contains("lowest pass rate: 'params': loosen that constraint")
                  .contains("--max-candidates");
            });
  }

  @Test
  void anyNetChecksRunInOrderAndOnlyConstrainedOnesAreReported(@TempDir Path dir)
      throws IOException {
    String anynet =
        String.join(
            "\n",
            "name: Order",
            "network: {input: {size: 32, channels: 3}, classes: 10, stem: {type: cifar, width:"
                + " 16}, block: r}",
            "sample:",
            "  family: anynet",
            "  stages: 3",
            "  depth: {dist: uniform, low: 1, high: 4, q: 1}",
            "  width: {dist: choice, values: [8, 16, 32]}",
            "constraints:",
            "  flops: [null, 1e6]",
            "");
    Path spec = dir.resolve("order.yaml");
    Files.writeString(spec, anynet + "  increasing: [width, depth]\n");
    assertThatThrownBy(
            () -> ModelSampler.sample(new SampleRequest(SpecLoader.load(spec), 5, 3, 400)))
        .isInstanceOfSatisfying(
            SamplingException.class,
            e -> {
              assertThat(e.stats().entered().keySet())
                  .containsExactly("increasing", "distinct", "flops");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "found only 0 of 5 distinct models of Order in 400 candidates (seed 3)\n"
                          + "  candidates tried: 400\n"
                          + "  passed increasing: 48 of 400 (12.000%) [depth, width]\n"
                          + "  passed distinct:  48 of 48 (100.000%)\n"
                          + "  passed flops:     0 of 48 (0.000%) [-inf, 1000000]\n"
                          + "  most rejections: 'increasing' (352)\n"
                          + "  lowest pass rate: 'flops': loosen that constraint, or allow more"
                          + " candidates with --max-candidates");
            });
    Path free = dir.resolve("free.yaml");
    Files.writeString(free, anynet);
    assertThatThrownBy(
            () -> ModelSampler.sample(new SampleRequest(SpecLoader.load(free), 5, 3, 400)))
        .isInstanceOfSatisfying(
            SamplingException.class,
            e -> {
              // no increasing constraint: nothing to report for it
              assertThat(e.stats().entered().keySet()).containsExactly("distinct", "flops");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "found only 0 of 5 distinct models of Order in 400 candidates (seed 3)\n"
                          + "  candidates tried: 400\n"
                          + "  passed distinct:  400 of 400 (100.000%)\n"
                          + "  passed flops:     0 of 400 (0.000%) [-inf, 1000000]\n"
                          + "  most rejections: 'flops' (400)\n"
                          + "  lowest pass rate: 'flops': loosen that constraint, or allow more"
                          + " candidates with --max-candidates");
            });
  }

  @Test
  void asForMoreThanTheSpaceHoldsSaysSo(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("small.yaml");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "name: Small",
            "network: {input: {size: 8, channels: 1}, classes: 2, stem: {type: cifar, width: 8},"
                + " block: r}",
            "sample:",
            "  family: anynet",
            "  stages: 1",
            "  depth: {dist: choice, values: [1, 2]}",
            "  width: 8",
            ""));
    DesignSpace space = SpecLoader.load(spec);
    assertThat(ModelSampler.sample(SampleRequest.of(space, 2, 0)).models()).hasSize(2);
    assertThatThrownBy(() -> ModelSampler.sample(new SampleRequest(space, 3, 0, 10_000)))
        .isInstanceOf(SamplingException.class)
        .hasMessageContaining("found only 2 of 3")
        .hasMessageContaining("most rejections: 'distinct'")
        .hasMessageContaining("lowest pass rate: 'distinct'")
        .hasMessageContaining("ask for fewer");
  }

  /**
   * Sampled AnyNets keep the compatibility adjustment (a fixed model with these values is refused):
   * drawn w = 26, b = 4, g = 4 give v = int(26 / 4) = 6, rounded half to even to a multiple of 4:
   * w_b = 8 (1.5 -> 2 groups), so the built width is 8 * 4 = 32. The drawn values are kept as
   * drawn.
   */
  @Test
  void sampledAnyNetsGetTheCompatibilityAdjustment(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("x.yaml");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "name: X",
            "network: {input: {size: 28, channels: 1}, classes: 10, stem: {type: cifar, width: 16},"
                + " block: x}",
            "sample:",
            "  family: anynet",
            "  stages: 1",
            "  depth: 1",
            "  width: 26",
            "  bottleneck_ratio: 4",
            "  group_width: 4",
            ""));
    SampledModel m =
        ModelSampler.sample(SampleRequest.of(SpecLoader.load(spec), 1, 0)).models().get(0);
    assertThat(m.parameters().get("width")).isEqualTo(List.of(26));
    assertThat(m.network().widths()).containsExactly(32);
    assertThat(m.network().groupWidths()).containsExactly(4);
    assertThat(m.network().stages().get(0).bottleneckWidth()).isEqualTo(8);
    assertThat(m.network().stages().get(0).groups()).isEqualTo(2);
  }

  @Test
  void fixedModelSpecsCannotBeSampled() {
    assertThatThrownBy(() -> SampleRequest.of(shipped("zoo-regnetx.yaml"), 1, 0))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("fixed models");
  }

  @Test
  void boundsAreInclusive() {
    assertThat(new Bound(1.0, 2.0).contains(1)).isTrue();
    assertThat(new Bound(1.0, 2.0).contains(2)).isTrue();
    assertThat(new Bound(1.0, 2.0).contains(2.0001)).isFalse();
    assertThat(new Bound(null, 2.0).contains(-5)).isTrue();
  }
}
