package dev.designspace.runtime.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.designspace.generator.random.Distribution;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.space.SearchSpace;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.refine.Candidate.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refinement on synthetic sweeps whose answer is known. */
class SpaceRefinerTest {
  @TempDir Path tmp;

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static List<String> labels(RefineResult result) {
    return result.proposals().stream().map(Candidate::label).toList();
  }

  @Test
  void errorThatDependsOnlyOnWmRestrictsWmAndNothingElse() throws IOException {
    Path sweep =
        SyntheticSweep.regNet(tmp.resolve("sweep"), 60, 1, v -> 5 + 6 * log2(v.get("wm") / 1.5));

    RefineResult result = SpaceRefiner.refine(new RefineRequest(sweep, null));

    assertThat(labels(result)).containsExactly("wm range");
    assertThat(result.models()).isEqualTo(60);
    assertThat(result.name()).isEqualTo("FmnistRegNetX-R1");
    // the six RegNet parameters are tested unless their good range is not narrower
    assertThat(result.candidates())
        .extracting(Candidate::parameter)
        .containsExactly("depth", "w0", "wa", "wm", "bottleneck_ratio", "group_width");
    Path file = sweep.resolve(RefineRequest.DEFAULT_FILE);
    assertThat(result.written()).contains(file.toAbsolutePath().normalize());
    Candidate wm = result.proposals().get(0);
    assertThat(wm.evidence().superiority()).isEqualTo(1.0);
    assertThat(wm.restricted()).isEqualTo("{dist: log_uniform, low: 1.5, high: 2.038, q: 0.001}");

    // the file loads with the spec loader: the swept space with wm narrowed, all else as before
    DesignSpace refined = SpecLoader.load(file);
    DesignSpace swept = SpecLoader.load(SyntheticSweep.REGNET_SPEC);
    assertThat(refined.name()).isEqualTo("FmnistRegNetX-R1");
    SearchSpace.RegNet r = (SearchSpace.RegNet) refined.search().orElseThrow();
    SearchSpace.RegNet s = (SearchSpace.RegNet) swept.search().orElseThrow();
    assertThat(r.wm()).isEqualTo(new Distribution.LogUniform(1.5, 2.038, 0.001));
    assertThat(List.of(r.depth(), r.w0(), r.wa(), r.groupWidth(), r.bottleneckRatio()))
        .isEqualTo(List.of(s.depth(), s.w0(), s.wa(), s.groupWidth(), s.bottleneckRatio()));
    assertThat(refined.constraints()).isEqualTo(swept.constraints());
    assertThat(Files.readString(file)).contains("sample:\n  # wm range: bootstrap good range");
    // comments wrap: read them as one line each
    String text = Files.readString(file).replace("\n  # ", " ").replace("\n# ", " ");
    assertThat(text)
        .startsWith("# FmnistRegNetX refined by `designspace refine`")
        .contains("extends: spec.yaml\n")
        .contains(
            "wm range: bootstrap good range [1.506, 2.038] (95%, median 1.548) of 30 models, the"
                + " other 30 kept for the test; sampled range [1.5, 3], drawn [1.506, 2.82];"
                + " [1.5, 2.038] leaves out 56% of it. 18 models satisfy it (median error 6.56%),"
                + " 12 do not (median 9.47%)")
        .contains("one-sided Mann-Whitney p =")
        .doesNotContain("depth:");
  }

  @Test
  void errorsIndependentOfEveryParameterProposeNothing() throws IOException {
    Random noise = new Random(7);
    Path sweep = SyntheticSweep.regNet(tmp.resolve("sweep"), 60, 2, v -> 10 + noise.nextDouble());

    RefineResult result = SpaceRefiner.refine(new RefineRequest(sweep, null));

    assertThat(result.proposals()).isEmpty();
    assertThat(result.written()).isEmpty();
    assertThat(sweep.resolve(RefineRequest.DEFAULT_FILE)).doesNotExist();
    assertThat(result.candidates()).allMatch(c -> c.verdict().startsWith("not"));
  }

  @Test
  void modelsWithNearEqualBottleneckRatiosBetterProposeSharingIt() throws IOException {
    Random noise = new Random(11);
    Path sweep =
        SyntheticSweep.anyNet(
            tmp.resolve("sweep"),
            80,
            3,
            v -> {
              double[] b = v.get("bottleneck_ratio");
              double spread =
                  Arrays.stream(b).max().orElseThrow() / Arrays.stream(b).min().orElseThrow();
              return 8 + 2 * log2(spread) + noise.nextDouble();
            });

    RefineResult result = SpaceRefiner.refine(new RefineRequest(sweep, tmp.resolve("next.yaml")));

    assertThat(labels(result)).containsExactly("shared bottleneck_ratio");
    // no range rule for per-stage values of an AnyNet: one distribution serves every stage
    assertThat(result.candidates()).noneMatch(c -> c.kind() == Kind.RANGE);
    assertThat(result.candidates())
        .extracting(Candidate::label)
        .containsExactly(
            "shared bottleneck_ratio",
            "shared group_width",
            "increasing width",
            "increasing depth");
    DesignSpace refined = SpecLoader.load(tmp.resolve("next.yaml"));
    assertThat(refined.name()).isEqualTo("FmnistAnyNetXA-R1");
    assertThat(refined.constraints().shared()).containsExactly(Parameter.BOTTLENECK_RATIO);
    assertThat(refined.constraints().increasing()).isEmpty();
    assertThat(Files.readString(tmp.resolve("next.yaml")))
        .contains("extends: sweep/spec.yaml\n")
        .contains("  shared: [bottleneck_ratio]\n");
  }

  @Test
  void increasingWidthsThatAreBetterAreAddedToTheSweptConstraints() throws IOException {
    Random noise = new Random(5);
    Path sweep =
        SyntheticSweep.anyNet(
            tmp.resolve("sweep"),
            80,
            4,
            v -> 8 + (SpaceRefiner.nonDecreasing(v.get("width")) ? 0 : 3) + noise.nextDouble());

    RefineResult result = SpaceRefiner.refine(new RefineRequest(sweep, null));

    assertThat(labels(result)).containsExactly("increasing width");
    DesignSpace refined = SpecLoader.load(result.written().orElseThrow());
    assertThat(refined.constraints().increasing()).containsExactly(Parameter.WIDTH);
  }

  @Test
  void refusesWhatIsNotASweepOrHasTooFewModels() throws IOException {
    Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> SpaceRefiner.refine(new RefineRequest(tmp.resolve("empty"), null)))
        .isInstanceOf(RefineException.class)
        .hasMessageContaining("is not a sweep directory (it needs manifest.json and spec.yaml)");

    Path started = SyntheticSweep.regNet(tmp.resolve("started"), 0, 1, v -> 0);
    assertThatThrownBy(() -> SpaceRefiner.refine(new RefineRequest(started, null)))
        .isInstanceOf(RefineException.class)
        .hasMessageContaining("has finished (no models/*/result.json): run or resume the sweep");

    Path wm = SyntheticSweep.regNet(tmp.resolve("wm"), 40, 1, v -> v.get("wm"));
    assertThatThrownBy(() -> SpaceRefiner.refine(new RefineRequest(wm, wm.resolve("spec.yaml"))))
        .isInstanceOf(RefineException.class)
        .hasMessageContaining("is the sweep's own spec, which the refined spec extends");

    Path small = SyntheticSweep.regNet(tmp.resolve("small"), 12, 1, v -> v.get("wm"));
    assertThatThrownBy(() -> SpaceRefiner.refine(new RefineRequest(small, null)))
        .isInstanceOf(RefineException.class)
        .hasMessageContaining("has 12 done models; refining needs at least 20");
    assertThat(small.resolve(RefineRequest.DEFAULT_FILE)).doesNotExist();
  }

  @Test
  void rangesMoveOutwardsToTheGridAndStayWithinTheSampledRange() {
    SampledRange wm = new SampledRange("log_uniform", 1.5, 3.0, 0.001, List.of());
    SampledRange narrowed = wm.restrictedTo(1.5234, 1.81234);
    assertThat(narrowed).isEqualTo(new SampledRange("log_uniform", 1.523, 1.813, 0.001, List.of()));
    assertThat(wm.excludedBy(narrowed))
        .isCloseTo(
            1 - Math.log(1.813 / 1.523) / Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
    SampledRange depth = new SampledRange("uniform", 3, 16, 1, List.of());
    assertThat(depth.restrictedTo(2.5, 6.2).describe()).isEqualTo("[3, 7]");
    assertThat(depth.excludedBy(depth.restrictedTo(2.5, 6.2))).isEqualTo(1 - 5.0 / 14);
    SampledRange b = new SampledRange("choice", 1, 4, 0, List.of(1.0, 2.0, 4.0));
    assertThat(b.restrictedTo(1, 1).yaml()).isEqualTo("{dist: choice, values: [1]}");
    assertThat(b.restrictedTo(3.2, 3.6).values()).containsExactly(4.0); // nearest choice
    assertThat(b.excludedBy(b.restrictedTo(1, 2)))
        .isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void namesCountRefinementRoundsAndExtendsIsRelativeToTheOutput() {
    assertThat(RefinedSpecYaml.nextName("RegNetX")).isEqualTo("RegNetX-R1");
    assertThat(RefinedSpecYaml.nextName("RegNetX-R1")).isEqualTo("RegNetX-R2");
    assertThat(RefinedSpecYaml.nextName("RegNetX-R9")).isEqualTo("RegNetX-R10");
    Path sweep = Path.of("/runs/a");
    assertThat(RefinedSpecYaml.extendsPath(Path.of("/runs/a/refined.yaml"), sweep))
        .isEqualTo("spec.yaml");
    assertThat(RefinedSpecYaml.extendsPath(Path.of("/specs/next/x.yaml"), sweep))
        .isEqualTo("../../runs/a/spec.yaml");
    assertThat(RefinedSpecYaml.extendsPath(Path.of("/specs/x.yaml"), Path.of("/runs/my sweep")))
        .isEqualTo("'../runs/my sweep/spec.yaml'");
  }

  @Test
  void nearEqualAndNonDecreasingStages() {
    assertThat(SpaceRefiner.nearEqual(new double[] {1, 2, 2})).isTrue();
    assertThat(SpaceRefiner.nearEqual(new double[] {1, 2, 4})).isFalse();
    assertThat(SpaceRefiner.nonDecreasing(new double[] {8, 8, 16})).isTrue();
    assertThat(SpaceRefiner.nonDecreasing(new double[] {16, 8, 32})).isFalse();
  }
}
