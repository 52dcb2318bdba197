package dev.designspace.runtime.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Architecture rule: analysis, sweeps, runs until decided, the Slurm launcher, the model
 * description and the whole generator never touch TensorFlow.
 */
class PackageRulesTest {
  private static final Path ROOT =
      Path.of(System.getProperty("designspace.root", "..")).toAbsolutePath().normalize();

  private static List<Path> importingTensorFlow(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(
              p -> {
                try {
                  return Files.readString(p).contains("import org.tensorflow");
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  private static List<Path> importing(Path dir, String prefix) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(
              p -> {
                try {
                  return Files.readString(p).contains("import " + prefix);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  /**
   * The run files are read where TensorFlow may be missing: their package stands on nothing of
   * runtime's.
   */
  @Test
  void runFilesDependOnNoOtherRuntimePackage() throws IOException {
    Path runFiles = ROOT.resolve("runtime/src/main/java/dev/designspace/runtime/runfiles");
    assertThat(runFiles.resolve("ModelResult.java")).exists();
    try (Stream<Path> files = Files.walk(runFiles)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        assertThat(Files.readAllLines(p))
            .as(p.toString())
            .filteredOn(line -> line.startsWith("import dev.designspace.runtime."))
            .allMatch(line -> line.startsWith("import dev.designspace.runtime.runfiles."));
      }
    }
    // and the rule can fail: the trainer imports other runtime packages
    assertThat(
            importing(
                ROOT.resolve("runtime/src/main/java/dev/designspace/runtime/train"),
                "dev.designspace.layers"))
        .isNotEmpty();
  }

  @Test
  void analysisAndGeneratorDoNotImportTensorFlow() throws IOException {
    assertThat(
            importingTensorFlow(
                ROOT.resolve("runtime/src/main/java/dev/designspace/runtime/analysis")))
        .isEmpty();
    assertThat(importingTensorFlow(ROOT.resolve("generator/src/main/java"))).isEmpty();
    assertThat(
            importingTensorFlow(
                ROOT.resolve("runtime/src/main/java/dev/designspace/runtime/sweep")))
        .isEmpty();
    assertThat(
            importingTensorFlow(
                ROOT.resolve("runtime/src/main/java/dev/designspace/runtime/slurm")))
        .isEmpty();
    assertThat(
            importingTensorFlow(
                ROOT.resolve("runtime/src/main/java/dev/designspace/runtime/sequential")))
        .isEmpty();
    assertThat(importingTensorFlow(ROOT.resolve("model/src/main/java"))).isEmpty();
    assertThat(
            importingTensorFlow(
                ROOT.resolve("runtime/src/main/java/dev/designspace/runtime/runfiles")))
        .isEmpty();
    // and the rule can fail: the layer API does import it
    assertThat(importingTensorFlow(ROOT.resolve("layers/src/main/java/dev/designspace/layers")))
        .isNotEmpty();
  }
}
