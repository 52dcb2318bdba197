package dev.designspace.generator.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Study files: the shipped ones read as written; every mistake is refused at file:line:column. */
class StudySpecLoaderTest {
  @TempDir Path dir;

  private static final String SPACE =
      String.join(
          "\n",
          "network: {input: {size: 8, channels: 1}, classes: 4, stem: {type: cifar, width: 8},"
              + " block: x}",
          "sample: {family: anynet, stages: 1, depth: {dist: uniform, low: 1, high: 2, q: 1},",
          "  width: {dist: uniform, low: 8, high: 24, q: 8}, group_width: [4, 8]}",
          "");

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private Path study(String... lines) throws IOException {
    write("a.yaml", "name: SpaceA\n" + SPACE);
    write("b.yaml", "name: SpaceB\n" + SPACE);
    return write("study.yaml", String.join("\n", lines) + "\n");
  }

  private String refused(Path file) {
    SpecException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            SpecException.class, () -> StudySpecLoader.load(file));
    return e.getMessage().replace(dir + "/", "");
  }

  @Test
  void theShippedProgressionIsTheSectionThreeSteps() {
    StudySpec p = StudySpecLoader.load(Path.of("specs/studies/progression.yaml"));
    assertThat(p.name()).isEqualTo("progression");
    assertThat(p.spaces())
        .extracting(StudySpec.Space::name)
        .containsExactly(
            "FmnistAnyNetXA",
            "FmnistAnyNetXB",
            "FmnistAnyNetXC",
            "FmnistAnyNetXD",
            "FmnistAnyNetXE",
            "FmnistRegNetX");
    assertThat(p.spaces().get(0).spec())
        .isEqualTo(Path.of("specs/fmnist-anynet-xa.yaml").toAbsolutePath().normalize());
    assertThat(p.comparisons())
        .extracting(StudySpec.Comparison::expect)
        .containsExactly(
            StudySpec.Expectation.NO_WORSE,
            StudySpec.Expectation.NO_WORSE,
            StudySpec.Expectation.BETTER,
            StudySpec.Expectation.BETTER,
            StudySpec.Expectation.AS_GOOD_AS,
            StudySpec.Expectation.BETTER);
    assertThat(StudySpec.claimWithFigure(p.comparisons().get(0)))
        .isEqualTo("a shared bottleneck ratio loses nothing (Figure 5)");
    StudySpec analyses = StudySpecLoader.load(Path.of("specs/studies/regnet-analyses.yaml"));
    assertThat(analyses.spaces()).hasSize(11);
    assertThat(analyses.comparisons()).hasSize(8);
    assertThat(analyses.spaces().get(9).train()).containsExactly("--epochs", "4");
  }

  @Test
  void spacesTakeTheirOwnTrainOptions() throws IOException {
    StudySpec s =
        StudySpecLoader.load(
            study(
                "name: s",
                "spaces:",
                "  - spec: a.yaml",
                "  - spec: b.yaml",
                "    train: {epochs: 4, weight-decay: 1e-4, decay-all: true, augment: flip}",
                "comparisons:",
                "  - {from: SpaceA, to: SpaceB, expect: as good as, claim: alike}"));
    assertThat(s.spaces().get(0).train()).isEmpty();
    assertThat(s.spaces().get(1).train())
        .containsExactly(
            "--epochs", "4", "--weight-decay", "0.0001", "--decay-all", "--augment", "flip");
    assertThat(s.comparisons().get(0).figure()).isEmpty();
  }

  @Test
  void everyMistakeIsRefusedWhereItIsWritten() throws IOException {
    assertThat(
            refused(
                study(
                    "name: s",
                    "spaces:",
                    "  - spec: a.yaml",
                    "  - spec: b.yaml",
                    "comparisons:",
                    "  - {from: SpaceA, to: SpaceB, expect: beter, claim: x}")))
        .isEqualTo(
            "study.yaml:6:40: comparisons[0].expect: expected one of better, no worse, as good as,"
                + " got 'beter' (did you mean 'better'?)");
    assertThat(
            refused(
                study(
                    "name: s",
                    "spaces:",
                    "  - spec: a.yaml",
                    "  - spec: b.yaml",
                    "comparisons:",
                    "  - {from: SpaceA, to: SpaceC, expect: better, claim: x}")))
        .isEqualTo(
            "study.yaml:6:24: comparisons[0].to: no space of the study is named 'SpaceC'; its"
                + " spaces are SpaceA, SpaceB (did you mean 'SpaceA'?)");
    assertThat(
            refused(
                study(
                    "name: s",
                    "spaces:",
                    "  - spec: a.yaml",
                    "  - spec: a.yaml",
                    "comparisons: []")))
        .startsWith("study.yaml:4:11: spaces[1].spec: a second space named SpaceA (the first at");
    assertThat(
            refused(
                study(
                    "name: s",
                    "spaces:",
                    "  - spec: a.yaml",
                    "  - spec: missing.yaml",
                    "comparisons: []")))
        .startsWith("study.yaml:4:11: spaces[1].spec: the spec does not load: ")
        .contains("no such file");
    assertThat(
            refused(
                study(
                    "name: s",
                    "spaces:",
                    "  - spec: a.yaml",
                    "    epochs: 4",
                    "  - spec: b.yaml",
                    "comparisons: []")))
        .startsWith("study.yaml:4:5: spaces[0].epochs: unknown key; expected one of spec, train");
    assertThat(
            refused(
                study(
                    "name: s",
                    "spaces:",
                    "  - spec: a.yaml",
                    "  - spec: b.yaml",
                    "comparisons: []")))
        .isEqualTo("study.yaml:1:1: comparisons: a study asks at least 1 comparison");
    assertThat(refused(dir.resolve("nowhere.yaml"))).endsWith("nowhere.yaml:1:1: no such file");
    assertThat(
            refused(
                study(
                    "name: s",
                    "spaces:",
                    "  - spec: a.yaml",
                    "    train: {threads: 2}",
                    "  - spec: b.yaml",
                    "comparisons: []")))
        .startsWith("study.yaml:4:13: spaces[0].train.threads: the sweep sets --threads itself");
    Files.createDirectories(dir.resolve("other"));
    Files.writeString(dir.resolve("other/a.yaml"), "name: SpaceC\n" + SPACE);
    assertThat(
            refused(
                study(
                    "name: s",
                    "spaces:",
                    "  - spec: a.yaml",
                    "  - spec: other/a.yaml",
                    "comparisons: []")))
        .startsWith("study.yaml:4:11: spaces[1].spec: a second spec named a.yaml");
  }

  @Test
  void expectationsReadAsTheyAreWritten() {
    assertThat(List.of(StudySpec.Expectation.values()))
        .extracting(StudySpec.Expectation::words)
        .containsExactly("better", "no worse", "as good as");
    assertThatThrownBy(() -> StudySpecLoader.load(Path.of("no/such/study.yaml")))
        .isInstanceOf(SpecException.class);
  }
}
