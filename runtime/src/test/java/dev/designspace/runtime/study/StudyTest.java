package dev.designspace.runtime.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.analysis.ProgressionStep;
import dev.designspace.runtime.analysis.Question;
import dev.designspace.runtime.report.ReportOptions;
import dev.designspace.runtime.sequential.CompareRequest;
import dev.designspace.runtime.sweep.ProxyCheck;
import dev.designspace.runtime.sweep.SweepListener;
import dev.designspace.runtime.sweep.TinySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study of two tiny synthetic spaces end to end, with the proxy check, and resumed. */
class StudyTest {
  private static final List<String> TRAIN = TinySpec.trainArguments();

  @Test
  void studyRunsEverySpaceChecksTheProxyAndResumes(@TempDir Path dir) throws Exception {
    Path first = TinySpec.write(dir, "TinyFirst");
    Path last = TinySpec.write(dir, "TinyLast");
    StudyRequest request =
        new StudyRequest(List.of(first, last), 3, 1, dir.resolve("study"), 2, 1, TRAIN, 3, 2);
    StudyResult result = Study.run(request, SweepListener.NONE);

    assertThat(result.sweeps())
        .containsExactly(dir.resolve("study/tinyfirst"), dir.resolve("study/tinylast"));
    assertThat(result.report()).isEqualTo(dir.resolve("study/report.html"));
    String html = Files.readString(result.report());
    assertThat(html)
        .contains("The paper's progression, step by step")
        .contains("Can the proxy be trusted?");
    // two spaces that are not the paper's six: the step "loses nothing", and last against first
    // "better"
    assertThat(result.steps())
        .extracting(o -> o.step().expected())
        .containsExactly(Question.NO_WORSE, Question.BETTER);
    assertThat(result.summary().get(0))
        .startsWith("TinyFirst -> TinyLast: the paper finds the restriction loses nothing");
    ObjectMapper json = new ObjectMapper();
    for (Path sweep : result.sweeps()) {
      // each space is a sweep directory like any other, with its own report
      assertThat(Files.readString(sweep.resolve("report.html"))).contains("<svg");
      JsonNode check = json.readTree(sweep.resolve(ProxyCheck.JSON_FILE).toFile());
      assertThat(check.get("proxyEpochs").asInt()).isEqualTo(1);
      assertThat(check.get("longEpochs").asInt()).isEqualTo(2);
      assertThat(check.get("pairs")).hasSize(3);
      assertThat(check.get("verdict").asText()).isEqualTo("too-few-models");
      for (JsonNode pair : check.get("pairs")) {
        JsonNode longer =
            json.readTree(
                sweep
                    .resolve("proxy-check/models")
                    .resolve(pair.get("id").asText())
                    .resolve("result.json")
                    .toFile());
        assertThat(longer.get("epochs").asInt()).isEqualTo(2);
        assertThat(longer.get("error").asDouble()).isEqualTo(pair.get("longError").asDouble());
      }
    }

    // rerun: every model and every check has its result, nothing trains again
    AtomicInteger started = new AtomicInteger();
    Study.run(
        request,
        new SweepListener() {
          @Override
          public void started(String modelId, int running, int pending) {
            started.incrementAndGet();
          }
        });
    assertThat(started.get()).isZero();
  }

  @Test
  void studyUntilDecidedChecksEverySpacesProxyAndLabelsEachStep(@TempDir Path dir)
      throws Exception {
    Path first = TinySpec.write(dir, "TinySeqA");
    Path middle = TinySpec.write(dir, "TinySeqB");
    Path last = TinySpec.write(dir, "TinySeqC");
    StudyRequest request =
        new StudyRequest(
            List.of(first, middle, last),
            0,
            1,
            dir.resolve("study"),
            2,
            1,
            TRAIN,
            3,
            2,
            Optional.of(new CompareRequest.Schedule(3, 2, 5, Optional.empty())),
            ReportOptions.DEFAULTS);
    StudyResult result = Study.run(request, SweepListener.NONE);
    // three steps: A -> B, B -> C (no worse) and A -> C (better), each with both proxies judged
    assertThat(result.steps()).hasSize(3);
    for (ProgressionStep.Outcome o : result.steps()) {
      assertThat(o.fromProxy()).isNotEqualTo("not checked");
      assertThat(o.toProxy()).isNotEqualTo("not checked");
      assertThat(o.how()).containsPattern("(decided|ended) at look [12], [35] and [35] models");
    }
    assertThat(result.summary().get(0))
        .startsWith("Run until decided: a look at 3 models per space, then every 2 more, up to 5")
        .contains("0.025 shared by the 3 questions, Bonferroni");
    assertThat(result.summary())
        .anyMatch(l -> l.startsWith("TinySeqA -> TinySeqB: the paper finds the restriction"));
    for (Path sweep : result.sweeps()) {
      JsonNode check = new ObjectMapper().readTree(sweep.resolve(ProxyCheck.JSON_FILE).toFile());
      assertThat(check.get("models").asInt()).isEqualTo(3);
    }
    assertThat(dir.resolve("study/looks.json")).isRegularFile();
    assertThat(Files.readString(result.report()))
        .contains("proxy A / B")
        .contains("Run until decided");
  }

  @Test
  void paperStepsNameTheFiguresAndExpectations() {
    List<ProgressionStep> steps = Study.steps(List.of("XA", "XB", "XC", "XD", "XE", "RegNetX"));
    assertThat(steps)
        .extracting(s -> s.from() + ">" + s.to() + ":" + s.expected())
        .containsExactly(
            "XA>XB:NO_WORSE",
            "XB>XC:NO_WORSE",
            "XC>XD:BETTER",
            "XD>XE:BETTER",
            "XE>RegNetX:AS_GOOD_AS",
            "XA>RegNetX:BETTER");
  }

  @Test
  void badRequestsAreRefused(@TempDir Path dir) {
    assertThatThrownBy(
            () -> new StudyRequest(List.of(dir.resolve("a.yaml")), 3, 0, dir, 1, 1, TRAIN, 0, 4))
        .hasMessageContaining("at least 2 design spaces");
    assertThatThrownBy(
            () ->
                new StudyRequest(
                    List.of(dir.resolve("a.yaml"), dir.resolve("b.yaml")),
                    3,
                    0,
                    dir,
                    1,
                    1,
                    TRAIN,
                    4,
                    4))
        .hasMessage("--check-proxy must be between 0 and the 3 models per space, got 4");
    assertThatThrownBy(
            () ->
                new StudyRequest(
                    List.of(dir.resolve("a.yaml"), dir.resolve("b.yaml")),
                    3,
                    0,
                    dir,
                    1,
                    1,
                    TRAIN,
                    2,
                    1))
        .hasMessage(
            "the proxy check trains longer than the sweeps: --check-epochs must exceed 1 (the most"
                + " epochs any space trains), got 1");
    // a space trained longer by its study file raises the bar for the proxy check
    List<List<String>> longer = List.of(List.of(), List.of("--epochs", "4"));
    assertThat(StudyRequest.longestEpochs(TRAIN, longer)).isEqualTo(4);
    assertThatThrownBy(
            () ->
                new StudyRequest(
                    List.of(dir.resolve("a.yaml"), dir.resolve("b.yaml")),
                    3,
                    0,
                    dir,
                    1,
                    1,
                    TRAIN,
                    2,
                    4,
                    Optional.empty(),
                    ReportOptions.DEFAULTS,
                    longer,
                    List.of()))
        .hasMessageContaining("--check-epochs must exceed 4 (the most epochs any space trains)");
  }

  /**
   * A study file of two tiny spaces, the second trained longer, run as a user runs it: each space's
   * own options reach its models, and each comparison stands beside its claim and figure.
   */
  @Test
  void aStudyFileRunsItsSpacesAndComparisons(@TempDir Path dir) throws Exception {
    TinySpec.write(dir, "TinyShort");
    TinySpec.write(dir, "TinyLonger");
    Path file = dir.resolve("tiny-study.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: tiny",
            "spaces:",
            "  - spec: tinyshort.yaml",
            "  - spec: tinylonger.yaml",
            "    train: {epochs: 2}",
            "comparisons:",
            "  - from: TinyShort",
            "    to: TinyLonger",
            "    expect: no worse",
            "    claim: training longer loses nothing",
            "    figure: Figure 0",
            ""));
    Path out = dir.resolve("out");
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "study",
                file.toString(),
                "-n",
                "3",
                "--check-proxy",
                "0",
                "--workers",
                "1",
                "--out",
                out.toString()));
    args.addAll(TRAIN);
    dev.designspace.runtime.cli.CliRun run = dev.designspace.runtime.cli.CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("study tiny: 2 spaces, 1 comparisons");
    assertThat(run.out())
        .contains(
            "TinyShort -> TinyLonger: the paper finds training longer loses nothing (Figure 0);"
                + " measured (3 and 3 models)");
    ObjectMapper json = new ObjectMapper();
    for (String space : List.of("tinyshort", "tinylonger")) {
      try (var models = Files.list(out.resolve(space).resolve("models"))) {
        for (Path m : models.toList()) {
          JsonNode r = json.readTree(m.resolve("result.json").toFile());
          assertThat(r.at("/options/epochs").asInt())
              .as(m.toString())
              .isEqualTo(space.equals("tinylonger") ? 2 : 1);
        }
      }
    }

    // an option train does not take is refused before anything trains
    Files.writeString(file, Files.readString(file).replace("{epochs: 2}", "{epochz: 2}"));
    dev.designspace.runtime.cli.CliRun bad =
        dev.designspace.runtime.cli.CliRun.of(
            "study", file.toString(), "--out", dir.resolve("x").toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err())
        .contains("the train options of TinyLonger are not train's")
        .contains("--epochz");
    assertThat(dir.resolve("x")).doesNotExist();
  }
}
