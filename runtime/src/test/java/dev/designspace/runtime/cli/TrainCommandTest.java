package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.testing.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, export and predict as a user runs them. */
class TrainCommandTest {
  private static final Path FULL_FMNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  /**
   * The accuracy bar: the ~6 M multiply-add RegNetX, one epoch of full Fashion-MNIST, <= 14% test
   * error.
   */
  @Test
  void regNetX6mfReachesAtMost14PercentAfterOneEpoch(@TempDir Path dir) throws IOException {
    Prerequisite.FASHION_MNIST.assume(
        Files.isRegularFile(FULL_FMNIST.resolve("train-images-idx3-ubyte.gz")));
    CliRun r =
        run(
            "train",
            "specs/fmnist-models.yaml",
            "--model",
            "RegNetX-6MF",
            "--epochs",
            "1",
            "--dataset",
            "fashion-mnist:" + FULL_FMNIST,
            "--out",
            dir.resolve("run").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(dir.resolve("run/result.json").toFile());
    assertThat(result.get("status").asText()).isEqualTo("done");
    assertThat(result.get("error").asDouble()).isLessThanOrEqualTo(14.0);
    assertThat(r.out()).startsWith("RegNetX-6MF: done, best test error ");
  }

  /** With nothing installed the embedded subset trains, exports and predicts. */
  @Test
  void subsetTrainsExportsAndPredicts(@TempDir Path dir) throws IOException {
    Path runDir = dir.resolve("run");
    CliRun train =
        run(
            "train",
            "specs/fmnist-models.yaml",
            "--model",
            "Tiny-X",
            "--epochs",
            "1",
            "--dataset",
            "fashion-mnist-subset",
            "--out",
            runDir.toString(),
            "--train-limit",
            "2048",
            "--test-limit",
            "1000");
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(runDir.resolve("model.json")).exists();
    assertThat(runDir.resolve("src/dev/designspace/models/Tiny_X.java")).doesNotExist();
    assertThat(runDir.resolve("src/dev/designspace/models/TinyX.java")).exists();
    CliRun again =
        run("train", "specs/fmnist-models.yaml", "--model", "Tiny-X", "--out", runDir.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already holds a run; add --resume");
    CliRun resumed =
        run(
            "train",
            "specs/fmnist-models.yaml",
            "--model",
            "Tiny-X",
            "--out",
            runDir.toString(),
            "--resume");
    assertThat(resumed.exitCode()).isZero();
    assertThat(resumed.err()).contains("already trained");

    Path saved = dir.resolve("saved");
    CliRun export = run("export", runDir.toString(), "--out", saved.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(saved.resolve("saved_model.pb")).exists();
    assertThat(saved.resolve("designspace-model.json")).exists();
    CliRun predict =
        run("predict", saved.toString(), "--dataset", "fashion-mnist-subset", "--limit", "1000");
    assertThat(predict.exitCode()).as(predict.err()).isZero();
    double finalError =
        new ObjectMapper()
            .readTree(runDir.resolve("result.json").toFile())
            .get("finalError")
            .asDouble();
    assertThat(predict.out())
        .contains(String.format(java.util.Locale.ROOT, "top-1 error %.2f%%", finalError));
    CliRun exportAgain = run("export", runDir.toString(), "--out", saved.toString());
    assertThat(exportAgain.exitCode()).isEqualTo(2);
    assertThat(exportAgain.err()).contains("already exists and is not empty");

    // an unfinished run resumed with other options would not be the same run
    Files.delete(runDir.resolve("result.json"));
    CliRun changed =
        run(
            "train",
            "specs/fmnist-models.yaml",
            "--model",
            "Tiny-X",
            "--epochs",
            "2",
            "--dataset",
            "fashion-mnist-subset",
            "--out",
            runDir.toString(),
            "--train-limit",
            "2048",
            "--test-limit",
            "1000",
            "--resume");
    assertThat(changed.exitCode()).isEqualTo(2);
    assertThat(changed.err()).contains("--resume would continue").contains("epochs was 1, now 2");
  }

  @Test
  void badInputsExitTwoWithAClearMessage(@TempDir Path dir) throws IOException {
    CliRun missing =
        run(
            "train",
            "specs/fmnist-models.yaml",
            "--model",
            "Tiny-X",
            "--dataset",
            "cifar10:" + dir.resolve("none"),
            "--out",
            dir.resolve("a").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err())
        .startsWith("error: cifar10: " + dir.resolve("none") + " is not a directory");

    Path idx = Files.createDirectories(dir.resolve("fmnist"));
    for (String f :
        new String[] {
          "train-images-idx3-ubyte.gz",
          "train-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz"
        }) {
      Files.write(
          idx.resolve(f), new byte[] {0, 0, 8, 3, 0, 0, 0, 10, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3});
    }
    CliRun truncated =
        run(
            "train",
            "specs/fmnist-models.yaml",
            "--model",
            "Tiny-X",
            "--dataset",
            "fashion-mnist:" + idx,
            "--out",
            dir.resolve("b").toString());
    assertThat(truncated.exitCode()).isEqualTo(2);
    assertThat(truncated.err())
        .contains(idx.resolve("train-images-idx3-ubyte.gz").toString())
        .contains("truncated")
        .doesNotContain("\tat ");

    Path folder = Files.createDirectories(dir.resolve("images/only-one-class"));
    CliRun shape =
        run(
            "train",
            "specs/fmnist-models.yaml",
            "--model",
            "Tiny-X",
            "--dataset",
            "imagefolder:" + dir.resolve("images"),
            "--out",
            dir.resolve("c").toString());
    assertThat(shape.exitCode()).isEqualTo(2);
    assertThat(shape.err()).contains("has 1 class folders; expected one folder per class");
    assertThat(folder).exists();

    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "name: Empty\nmodels: []\n");
    CliRun noModels = run("train", empty.toString());
    assertThat(noModels.exitCode()).isEqualTo(2);
    assertThat(noModels.err()).contains("models: the list is empty; expected at least one model");

    CliRun which = run("train", "specs/fmnist-models.yaml");
    assertThat(which.exitCode()).isEqualTo(2);
    assertThat(which.err())
        .contains(
            "has 4 models; pick one with --model: RegNetX-6MF, RegNetY-6MF, ResNet-20, Tiny-X");

    CliRun notARun = run("export", dir.toString(), "--out", dir.resolve("x").toString());
    assertThat(notARun.exitCode()).isEqualTo(2);
    assertThat(notARun.err()).contains("is not a run directory (no model.json)");
  }
}
