package dev.designspace.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelInfoJsonTest {
  private static ModelInfo.Builder regNet() {
    return ModelInfo.builder("RegNetX-200MF")
        .designSpace("RegNetX")
        .spec("specs/zoo-regnetx.yaml")
        .input(224, 3)
        .classes(1000)
        .stem(StemType.SIMPLE, 32)
        .block(BlockType.X)
        .seRatio(0)
        .headWidth(0)
        .stage(1, 24, 2, 1.0, 8)
        .stage(4, 368, 2, 1.0, 8)
        .regNet(13, 24, 36.44, 2.49, 8, 1.0)
        .complexity(199_040_872L, 2_684_792L, 2_160_000L);
  }

  @Test
  void structureIsTheDescribeShapeWithSpecNamesAndAnIntegerW0() {
    Map<String, Object> m = ModelInfoJson.structure(regNet().build());
    assertThat(m.keySet())
        .containsExactly(
            "name",
            "stem",
            "stemWidth",
            "block",
            "seRatio",
            "headWidth",
            "activation",
            "inputSize",
            "inputChannels",
            "classes",
            "depths",
            "widths",
            "strides",
            "bottleneckRatios",
            "groupWidths",
            "flops",
            "params",
            "acts",
            "depth",
            "w0",
            "wa",
            "wm");
    assertThat(m)
        .containsEntry("stem", "simple")
        .containsEntry("block", "x")
        .containsEntry("activation", "relu")
        .containsEntry("w0", 24)
        .containsEntry("wa", 36.44);
    assertThat(m.get("widths")).isEqualTo(List.of(24, 368));
    assertThat(m.get("bottleneckRatios")).isEqualTo(List.of(1.0, 1.0));
  }

  @Test
  void ofPrefixesTheOriginInTheOrderResultJsonRecords() {
    ModelInfo sampled = regNet().sample(7L, 3).sampledParameter("depth", "13").build();
    assertThat(ModelInfoJson.of(sampled).keySet())
        .startsWith(
            "name", "designSpace", "spec", "seed", "sampleIndex", "sampled", "stem", "stemWidth")
        .endsWith("acts", "depth", "w0", "wa", "wm");
    assertThat(ModelInfoJson.of(regNet().build()).keySet())
        .startsWith("name", "designSpace", "spec", "stem")
        .doesNotContain("seed", "sampleIndex", "sampled");
  }

  @Test
  void anAnyNetHasNoRegNetFields() {
    ModelInfo anyNet =
        ModelInfo.builder("R56")
            .designSpace("R")
            .spec("specs/r.yaml")
            .input(32, 3)
            .classes(10)
            .stem(StemType.CIFAR, 16)
            .block(BlockType.R)
            .activation(Activation.SILU)
            .stage(9, 16, 1, 1.0, 16)
            .complexity(1, 1, 1)
            .build();
    assertThat(ModelInfoJson.structure(anyNet))
        .doesNotContainKeys("depth", "w0", "wa", "wm")
        .containsEntry("stem", "cifar")
        .containsEntry("activation", "silu");
  }

  @Test
  void stagesAndRegNetParametersAreValidatedOnceForEveryone() {
    assertThatThrownBy(() -> regNet().stage(0, 24, 2, 1.0, 8))
        .hasMessageContaining("depth must be >= 1");
    assertThatThrownBy(() -> regNet().regNet(13, 20, 36.44, 2.49, 8, 1.0))
        .hasMessageContaining("w0 must be a positive multiple of 8");
  }
}
