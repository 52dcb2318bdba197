package dev.designspace.runtime.compile;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.palantir.javapoet.JavaFile;
import dev.designspace.generator.emit.GenerationRequest;
import dev.designspace.generator.emit.ModelSource;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.layers.Network;
import dev.designspace.model.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Generated sources compile (compile-testing, -Werror) against the real layer API. */
class GeneratedSourcesCompileTest {
  private static final Path SPECS =
      Path.of(System.getProperty("designspace.root", "..")).resolve("specs");

  static Stream<String> shippedSpecs() throws IOException {
    try (Stream<Path> files = Files.list(SPECS)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  /** Every class of a 50-model sample of each sampled space (all models of fixed-model specs). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedSpecs")
  void everyGeneratedClassCompiles(String spec) {
    GenerationRequest request =
        new GenerationRequest(List.of(SPECS.resolve(spec)), 50, 42, "gen.models", Path.of("."));
    List<ModelSource> models = SourceGeneration.models(request);
    List<JavaFileObject> sources =
        SourceGeneration.emit(request, models).stream().map(JavaFile::toJavaFileObject).toList();
    assertThat(sources.size()).isIn(models.size()).isGreaterThanOrEqualTo(3);
    Compilation compilation =
        Compiler.javac().withOptions("-Xlint:all", "-Werror").compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(
            compilation.generatedFiles().stream()
                .filter(f -> f.getName().endsWith(".class"))
                .count())
        .isEqualTo(models.size());
  }

  /** One payload per kind of attack on the generated source. */
  static Stream<String> hostileDescriptions() {
    return Stream.of(
        "quotes \" and ' and \"\"\"; String s = \"x",
        "ends the comment */ static { System.exit(4); } /*",
        "new\nlines\n@Deprecated\r\n static { System.exit(6); }",
        "unicode escapes \\u002a/ static { System.exit(5); } /* \\u000a System.exit(7); \\u0022",
        "java code }; class Evil { static { System.exit(8); } } {@code }"
            + " <script>alert(1)</script>");
  }

  /**
   * Hostile text in a spec's description (and a path with {@code *}{@code /} in it): it must not
   * become code. The source compiles, the strings survive as data, and nothing of the payload
   * appears outside comments and string literals.
   */
  @ParameterizedTest
  @MethodSource("hostileDescriptions")
  void specTextCannotInjectCode(String description, @TempDir Path dir) throws Exception {
    Path nasty =
        Files.createDirectories(dir.resolve("we\"ird*")).resolve("spec.yaml"); // "*/" in the path
    Files.writeString(
        nasty,
        String.join(
            "\n",
            "name: Nasty",
            "description: \""
                + description
                    .replace("\\", "\\\\")
                    .replace("\"", "\\\"")
                    .replace("\n", "\\n")
                    .replace("\r", "\\r")
                + "\"",
            "network: {input: {size: 8, channels: 1}, classes: 2, stem: {type: cifar, width: 8},"
                + " block: r}",
            "models:",
            "  - name: Evil-1.0",
            "    anynet: {depths: [1], widths: [8], strides: [1]}",
            ""));
    GenerationRequest request =
        new GenerationRequest(List.of(nasty), 1, 0, "gen.nasty", dir.resolve("out"));
    List<ModelSource> models = SourceGeneration.models(request);
    assertThat(models.get(0).spaceDescription())
        .isEqualTo(description); // the YAML carried it intact
    SourceGeneration.generate(request);
    String source = Files.readString(dir.resolve("out/gen/nasty/Evil1_0.java"));
    assertThat(stripCommentsAndStrings(source))
        .doesNotContain("System.exit")
        .doesNotContain("Deprecated")
        .doesNotContain("Evil {")
        .doesNotContain("script");
    assertThat(source)
        .doesNotContain("\\u002a")
        .doesNotContain("\\u000a")
        .doesNotContain("*/ static");
    Compilation compilation =
        Compiler.javac()
            .withOptions("-Xlint:all", "-Werror")
            .compile(
                com.google.testing.compile.JavaFileObjects.forSourceString(
                    "gen.nasty.Evil1_0", source));
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, Class<? extends Network>> classes =
        ModelCompiler.compile(
            List.of(
                com.google.testing.compile.JavaFileObjects.forSourceString(
                    "gen.nasty.Evil1_0", source)));
    ModelInfo info = (ModelInfo) classes.get("gen.nasty.Evil1_0").getField("INFO").get(null);
    assertThat(info.spec()).isEqualTo(nasty.toString()); // survives exactly, as a string literal
    assertThat(info.name()).isEqualTo("Evil-1.0");
  }

  /** Removes comments and string literals, leaving only code. */
  static String stripCommentsAndStrings(String source) {
    StringBuilder code = new StringBuilder();
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("//", i)) {
        i = source.indexOf('\n', i);
        if (i < 0) {
          break;
        }
      } else if (source.startsWith("/*", i)) {
        i = source.indexOf("*/", i + 2) + 2;
      } else if (source.charAt(i) == '"') {
        i++;
        while (source.charAt(i) != '"') {
          i += source.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        code.append("\"\"");
      } else {
        code.append(source.charAt(i++));
      }
    }
    return code.toString();
  }
}
