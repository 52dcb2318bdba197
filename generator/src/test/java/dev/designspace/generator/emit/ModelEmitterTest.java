package dev.designspace.generator.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.designspace.command.BadInputException;
import dev.designspace.generator.testing.Tsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelEmitterTest {
  /**
   * -Dgolden.update=true rewrites golden files that differ and fails, so that the diff is reviewed.
   */
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private static String generate(String spec, int count, long seed, String modelName) {
    GenerationRequest request =
        new GenerationRequest(
            List.of(Path.of("specs", spec)),
            count,
            seed,
            GenerationRequest.DEFAULT_PACKAGE,
            Path.of("unused"));
    List<ModelSource> models = SourceGeneration.models(request);
    var files = SourceGeneration.emit(request, models);
    return files.stream()
        .filter(f -> f.typeSpec().name().equals(JavaNames.className(modelName)))
        .findFirst()
        .orElseThrow()
        .toString();
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource({
    "zoo-regnetx.yaml,     1, 0, RegNetX-200MF",
    "zoo-regnety.yaml,     1, 0, RegNetY-1.6GF",
    "cifar-anynets.yaml,   1, 0, R-56",
    "cifar-anynets.yaml,   1, 0, V-56",
    "anynet-xa.yaml,       2, 7, AnyNetXA_s0001",
    "fmnist-regnet-x.yaml, 1, 3, FmnistRegNetX_s0000",
  })
  void goldenFiles(String spec, int count, long seed, String model) throws IOException {
    String actual = generate(spec, count, seed, model);
    Path golden =
        Tsv.root()
            .resolve("generator/src/test/resources/golden")
            .resolve(JavaNames.className(model) + ".java.txt");
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    if (UPDATE && !actual.equals(expected)) {
      // an update run never passes by comparing a file with itself: it rewrites and fails
      Files.writeString(golden, actual);
      throw new AssertionError(
          "rewrote " + golden + ": review the diff, then run without -Dgolden.update");
    }
    assertThat(actual).isEqualTo(expected);
  }

  /**
   * A fixed AnyNet is emitted as written: widths 26, 58, 122 with w_b 6, 14, 30 and w_b / 2 groups.
   */
  @Test
  void fixedAnyNetIsEmittedAsWritten(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("fixed.yaml");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "name: Fixed",
            "network: {input: {size: 28, channels: 1}, classes: 10, stem: {type: cifar, width: 16},"
                + " block: x}",
            "models:",
            "  - name: M",
            "    anynet: {depths: [1, 1, 1], widths: [26, 58, 122], bottleneck_ratios: [4, 4, 4],"
                + " group_widths: [2, 2, 2]}",
            ""));
    GenerationRequest request =
        new GenerationRequest(
            List.of(spec), 1, 0, GenerationRequest.DEFAULT_PACKAGE, dir.resolve("out"));
    String source =
        SourceGeneration.emit(request, SourceGeneration.models(request)).get(0).toString();
    assertThat(source)
        .contains("x = layers.bottleneckBlock(\"stage1/block1\", x, 26, 2, 6, 3, 0);")
        .contains("x = layers.bottleneckBlock(\"stage2/block1\", x, 58, 2, 14, 7, 0);")
        .contains("x = layers.bottleneckBlock(\"stage3/block1\", x, 122, 2, 30, 15, 0);");
  }

  @Test
  void genTwiceWritesIdenticalBytesAndTouchesNothing(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    GenerationRequest request =
        new GenerationRequest(
            List.of(Tsv.spec("regnet-x.yaml"), Tsv.spec("zoo-regnety.yaml")),
            5,
            11,
            "com.example.models",
            out);
    GenerationResult first = SourceGeneration.generate(request);
    assertThat(first.models()).hasSize(17);
    assertThat(first.written()).hasSize(18); // 17 classes + manifest
    Map<Path, byte[]> bytes = snapshot(out);
    Map<Path, Long> times =
        Files.walk(out)
            .filter(Files::isRegularFile)
            .collect(Collectors.toMap(p -> p, p -> p.toFile().lastModified()));
    GenerationResult second = SourceGeneration.generate(request);
    assertThat(second.written()).isEmpty();
    assertThat(second.unchanged()).hasSize(17);
    assertThat(snapshot(out)).containsOnlyKeys(bytes.keySet());
    bytes.forEach((p, b) -> assertThat(readBytes(p)).as(p.toString()).isEqualTo(b));
    times.forEach((p, t) -> assertThat(p.toFile().lastModified()).as(p.toString()).isEqualTo(t));
    // a fresh directory gets the same bytes too
    Path other = dir.resolve("other");
    SourceGeneration.generate(
        new GenerationRequest(request.specs(), 5, 11, "com.example.models", other));
    bytes.forEach((p, b) -> assertThat(readBytes(other.resolve(out.relativize(p)))).isEqualTo(b));
  }

  @Test
  void differentSeedGivesDifferentModelsAndRemovesTheOldOnes(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    GenerationResult a =
        SourceGeneration.generate(
            new GenerationRequest(List.of(Tsv.spec("regnet-x.yaml")), 3, 1, "m", out));
    String before = Files.readString(out.resolve("m/RegNetX_s0000.java"));
    GenerationResult b =
        SourceGeneration.generate(
            new GenerationRequest(List.of(Tsv.spec("regnet-x.yaml")), 2, 2, "m", out));
    assertThat(Files.readString(out.resolve("m/RegNetX_s0000.java"))).isNotEqualTo(before);
    assertThat(a.models().get(0).network().stages())
        .isNotEqualTo(b.models().get(0).network().stages());
    assertThat(b.removed()).containsExactly(out.resolve("m/RegNetX_s0002.java"));
    assertThat(out.resolve("m/RegNetX_s0002.java")).doesNotExist();
    assertThat(Files.readString(out.resolve("manifest.json")))
        .contains("\"seed\" : 2")
        .doesNotContain("RegNetX_s0002");
  }

  @Test
  void manifestListsEveryModelWithConfigAndComplexity(@TempDir Path dir) throws IOException {
    SourceGeneration.generate(
        new GenerationRequest(List.of(Tsv.spec("zoo-regnetx.yaml")), 1, 0, "z", dir));
    var manifest =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("manifest.json").toFile());
    assertThat(manifest.get("models")).hasSize(12);
    var first = manifest.get("models").get(0);
    assertThat(first.get("id").asText()).isEqualTo("RegNetX200MF");
    assertThat(first.get("class").asText()).isEqualTo("z.RegNetX200MF");
    assertThat(first.get("source").asText()).isEqualTo("z/RegNetX200MF.java");
    assertThat(first.get("complexity").get("flops").asLong()).isEqualTo(199_040_872L);
    assertThat(first.get("config").get("widths").toString()).isEqualTo("[24,56,152,368]");
    assertThat(manifest.has("seed")).isFalse();
  }

  @Test
  void classNames() {
    assertThat(JavaNames.className("RegNetX-200MF")).isEqualTo("RegNetX200MF");
    assertThat(JavaNames.className("RegNetX-1.6GF")).isEqualTo("RegNetX1_6GF");
    assertThat(JavaNames.className("RegNetX-16GF")).isEqualTo("RegNetX16GF");
    assertThat(JavaNames.className("cifar_best")).isEqualTo("Cifar_best");
    assertThat(JavaNames.className("AnyNetXA_s0042")).isEqualTo("AnyNetXA_s0042");
    assertThatThrownBy(() -> JavaNames.requireDistinct(List.of("a-b", "ab")))
        .hasMessage(
            "models 'a-b' and 'ab' would both be class Ab (file names ignore case on some systems);"
                + " rename one");
    assertThatThrownBy(() -> JavaNames.requireDistinct(List.of("Net", "NET")))
        .hasMessageContaining("models 'Net' and 'NET'");
    assertThatThrownBy(() -> JavaNames.requirePackageName("com.example.class"))
        .hasMessage(
            "'com.example.class' is not a Java package name (dot-separated identifiers, no"
                + " keywords)");
    assertThatThrownBy(() -> JavaNames.requirePackageName("com..x"))
        .isInstanceOf(BadInputException.class);
  }

  @Test
  void javadocTextCannotEndTheCommentOrHideEscapes() {
    String hostile = "a */ b \\u002a/ c\n@Deprecated {@code x} <script> & \"q\"";
    String safe = JavadocText.escape(hostile);
    assertThat(safe)
        .doesNotContain("*/")
        .doesNotContain("\\")
        .doesNotContain("\n")
        .doesNotContain("@")
        .doesNotContain("<")
        .doesNotContain("{")
        .doesNotContain("}");
    assertThat(safe)
        .isEqualTo(
            "a *&#47; b &#92;u002a/ c &#64;Deprecated &#123;&#64;code x&#125; &lt;script&gt; &amp;"
                + " \"q\"");
  }

  private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .collect(Collectors.toMap(p -> p, ModelEmitterTest::readBytes));
    }
  }

  private static byte[] readBytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
