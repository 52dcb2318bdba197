package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.files.FileTrees;
import dev.designspace.runtime.compile.CompilationClasspath;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} writes the weights whose error the run reports (its best epoch) unless told
 * otherwise, and says which; {@code predict} on the export gives that error back. And TensorFlow's
 * native log stays off stderr.
 */
class ExportEpochTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tiny runs: 4 epochs of 200 synthetic images, tested on 50. */
  private static List<String> train(Path out, int trainSeed) {
    return List.of(
        "train",
        "specs/fmnist-anynet-xa.yaml",
        "--index",
        "0",
        "--dataset",
        "synthetic:200",
        "--train-limit",
        "200",
        "--test-limit",
        "50",
        "--epochs",
        "4",
        "--train-seed",
        String.valueOf(trainSeed),
        "--out",
        out.toString());
  }

  /**
   * A run whose best epoch is not its last. Near-chance models on 50 test images rarely improve in
   * every epoch; the first training seed that gives one is used.
   */
  private static Path runWithEarlierBest(Path dir) throws IOException {
    for (int seed = 0; seed < 6; seed++) {
      Path run = dir.resolve("run-" + seed);
      CliRun trained = CliRun.of(train(run, seed));
      assertThat(trained.exitCode()).as(trained.err()).isZero();
      JsonNode result = JSON.readTree(run.resolve("result.json").toFile());
      int best = result.get("bestEpoch").asInt(); // 0: no epoch below 100%
      if (best >= 1 && best < result.get("epochs").asInt()) {
        return run;
      }
    }
    throw new AssertionError("no training seed of 6 gave a run whose best epoch was not its last");
  }

  private static double predictedError(Path saved) {
    CliRun predict = CliRun.of("predict", saved.toString(), "--dataset", "synthetic:200");
    assertThat(predict.exitCode()).as(predict.err()).isZero();
    var m = Pattern.compile("top-1 error (\\d+\\.\\d+)%").matcher(predict.out());
    assertThat(m.find()).as(predict.out()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.2f%%", value);
  }

  @Test
  void exportsTheBestEpochByDefaultAndTheLastWhenAsked(@TempDir Path dir) throws IOException {
    Path run = runWithEarlierBest(dir);
    JsonNode result = JSON.readTree(run.resolve("result.json").toFile());
    int best = result.get("bestEpoch").asInt();
    int last = result.get("epochs").asInt();
    double error = result.get("error").asDouble();
    double finalError = result.get("finalError").asDouble();
    try (Stream<Path> kept = Files.list(run.resolve("checkpoints"))) {
      assertThat(kept.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              String.format("epoch-%03d", best), String.format("epoch-%03d", last));
    }

    Path bestOut = dir.resolve("best");
    CliRun export = CliRun.of("export", run.toString(), "--out", bestOut.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out().trim())
        .isEqualTo(
            "exported epoch "
                + best
                + " of "
                + last
                + " (the best), test error "
                + percent(error)
                + ", to "
                + bestOut);
    assertThat(predictedError(bestOut)).isEqualTo(error);
    JsonNode card = JSON.readTree(bestOut.resolve("designspace-model.json").toFile());
    assertThat(card.get("epoch").asInt()).isEqualTo(best);
    assertThat(card.get("epochChoice").asText()).isEqualTo("best");
    assertThat(card.get("testError").asDouble()).isEqualTo(error);

    Path finalOut = dir.resolve("final");
    CliRun exportFinal =
        CliRun.of("export", run.toString(), "--epoch", "final", "--out", finalOut.toString());
    assertThat(exportFinal.exitCode()).as(exportFinal.err()).isZero();
    assertThat(exportFinal.out())
        .contains("exported epoch " + last + " of " + last + " (the last), test error ")
        .contains(percent(finalError));
    assertThat(predictedError(finalOut)).isEqualTo(finalError);

    Path numbered = dir.resolve("numbered");
    CliRun byNumber =
        CliRun.of(
            "export",
            run.toString(),
            "--epoch",
            String.valueOf(best),
            "--out",
            numbered.toString());
    assertThat(byNumber.exitCode()).as(byNumber.err()).isZero();
    assertThat(predictedError(numbered)).isEqualTo(error);

    int pruned = best == 1 ? 2 : 1;
    if (pruned != last) {
      CliRun notKept =
          CliRun.of(
              "export",
              run.toString(),
              "--epoch",
              String.valueOf(pruned),
              "--out",
              dir.resolve("pruned").toString());
      assertThat(notKept.exitCode()).isEqualTo(2);
      assertThat(notKept.err())
          .contains("kept no checkpoint of epoch " + pruned)
          .contains("--epoch final or --epoch best");
    }
    CliRun beyond =
        CliRun.of(
            "export", run.toString(), "--epoch", "9", "--out", dir.resolve("beyond").toString());
    assertThat(beyond.exitCode()).isEqualTo(2);
    assertThat(beyond.err()).contains("has trained " + last + " epochs, not 9");
    CliRun nonsense =
        CliRun.of(
            "export", run.toString(), "--epoch", "newest", "--out", dir.resolve("x").toString());
    assertThat(nonsense.exitCode()).isEqualTo(2);
    assertThat(nonsense.err()).contains("--epoch must be best, final or an epoch number");
  }

  /**
   * A run directory from before best checkpoints were kept has only its newest: the default export
   * writes that one and says so.
   */
  @Test
  void aRunWithOnlyItsNewestCheckpointExportsThatAndSaysSo(@TempDir Path dir) throws IOException {
    Path run = runWithEarlierBest(dir);
    JsonNode result = JSON.readTree(run.resolve("result.json").toFile());
    int best = result.get("bestEpoch").asInt();
    FileTrees.delete(run.resolve(String.format("checkpoints/epoch-%03d", best)));

    Path out = dir.resolve("saved");
    CliRun export = CliRun.of("export", run.toString(), "--out", out.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out())
        .contains("exported epoch " + result.get("epochs").asInt())
        .contains(percent(result.get("finalError").asDouble()))
        .contains("the best epoch, " + best + ", was not kept");
    assertThat(predictedError(out)).isEqualTo(result.get("finalError").asDouble());
  }

  /**
   * Through the launcher as a user runs it: train, export and predict write their own lines on
   * stderr and nothing of TensorFlow's native log, which the standard variable brings back.
   */
  @Test
  void nativeLogStaysOffStderrUnlessAskedFor(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    Ended train = launcher(List.of(), train(run, 0).toArray(String[]::new));
    assertThat(train.exitCode()).as(train.err()).isZero();
    // the progress lines of the four epochs, nothing else
    assertThat(train.err().lines().toList())
        .hasSize(4)
        .allMatch(line -> line.startsWith("FmnistAnyNetXA_s0000 epoch "), "a progress line");

    Path saved = dir.resolve("saved");
    Ended export = launcher(List.of(), "export", run.toString(), "--out", saved.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out()).startsWith("exported epoch ");
    assertThat(export.err()).isEmpty();

    Ended predict =
        launcher(
            List.of(), "predict", saved.toString(), "--dataset", "synthetic:200", "--limit", "50");
    assertThat(predict.exitCode()).as(predict.err()).isZero();
    assertThat(predict.out()).startsWith("accuracy ");
    assertThat(predict.err()).isEmpty();

    // TensorFlow's own variable at 0 brings its native log back as TensorFlow writes it
    Ended verbose =
        launcher(
            List.of("TF_CPP_MIN_LOG_LEVEL=0"),
            "export",
            run.toString(),
            "--out",
            dir.resolve("verbose").toString());
    assertThat(verbose.exitCode()).as(verbose.err()).isZero();
    assertThat(verbose.err()).contains("tensorflow/").contains(".cc:");
  }

  private record Ended(int exitCode, String out, String err) {}

  /**
   * The {@code designspace} launcher script run from this build's classes, with {@code env}
   * (NAME=VALUE) added to an environment without TensorFlow's log variable.
   */
  private static Ended launcher(List<String> env, String... args) throws Exception {
    Path root = Path.of(System.getProperty("designspace.root", ".")).toAbsolutePath().normalize();
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("designspace").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    builder.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    builder
        .environment()
        .put(
            "DESIGNSPACE_CLASSPATH",
            String.join(
                File.pathSeparator,
                CompilationClasspath.current().stream().map(File::toString).toList()));
    for (String e : env) {
      builder.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
    }
    Process process = builder.start();
    // read to the end of each pipe: stderr ends only when the launcher's filter has written all
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    String out = readAll(process.getInputStream());
    int code = process.waitFor();
    return new Ended(code, out, err.get());
  }

  private static String readAll(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
