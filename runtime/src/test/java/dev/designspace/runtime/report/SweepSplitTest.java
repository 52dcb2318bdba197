package dev.designspace.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.files.AtomicFiles;
import dev.designspace.runtime.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sweep split by a parameter and filtered by complexity, on a sweep whose groups are known:
 * models with b = 1 have errors 10 to 15, models with b = 2 errors 30 to 35, and the b = 4 model
 * differs per stage. Each has a 2-epoch curve.
 */
class SweepSplitTest {
  private static Path sweep(Path root) throws Exception {
    Path sweep = root.resolve("mixed");
    AtomicFiles.write(sweep.resolve("spec.yaml"), "name: Mixed\n".getBytes(StandardCharsets.UTF_8));
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 13; i++) {
      List<Double> b =
          i == 12 ? List.of(1.0, 4.0) : List.of(i % 2 == 0 ? 1.0 : 2.0, i % 2 == 0 ? 1.0 : 2.0);
      double error = i == 12 ? 50 : (i % 2 == 0 ? 10 : 30) + i / 2;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", String.format("Mixed_s%04d", i));
      r.put("status", "done");
      r.put("error", error);
      r.put("flops", 5_000_000L + 100_000L * i);
      r.put("params", 100_000L);
      r.put("acts", 50_000L + 1_000L * i);
      r.put("trainSeconds", 10.0);
      r.put(
          "curve",
          List.of(
              Map.of(
                  "epoch",
                  1,
                  "trainLoss",
                  2.0,
                  "trainError",
                  80.0,
                  "testError",
                  error + 10,
                  "testTop5Error",
                  5.0,
                  "lr",
                  0.1,
                  "seconds",
                  1.0),
              Map.of(
                  "epoch",
                  2,
                  "trainLoss",
                  1.0,
                  "trainError",
                  40.0,
                  "testError",
                  error,
                  "testTop5Error",
                  2.0,
                  "lr",
                  0.0,
                  "seconds",
                  1.0)));
      r.put(
          "config",
          Map.of(
              "depths", List.of(1, 2),
              "widths", List.of(16, 32),
              "groupWidths", List.of(8, 8),
              "wm", 2.0 + 0.05 * i,
              "bottleneckRatios", b));
      AtomicFiles.write(
          sweep.resolve("models").resolve(String.format("Mixed_s%04d", i)).resolve("result.json"),
          json.writeValueAsBytes(r));
    }
    return sweep;
  }

  @Test
  void aSweepSplitByItsBottleneckRatioComparesTheGroups(@TempDir Path root) throws Exception {
    Path sweep = sweep(root);
    ReportBuilder.Report report =
        ReportBuilder.build(
            List.of(sweep),
            root.resolve("r.html"),
            List.of(),
            ReportOptions.DEFAULTS.withSelection(Optional.empty(), Optional.of("b")));
    assertThat(report.summary())
        .anyMatch(l -> l.startsWith("Mixed (b 1): 6 models (6 done), error min 10.00%"))
        .anyMatch(l -> l.startsWith("Mixed (b 2): 6 models (6 done), error min 30.00%"))
        .anyMatch(l -> l.startsWith("Mixed (b mixed): 1 models (1 done)"))
        .anyMatch(l -> l.startsWith("Mixed (b 2) is worse than Mixed (b 1) (6 and 6 models)"));
    assertThat(Files.readString(root.resolve("edf.svg")))
        .contains("Mixed (b 1)  n=6")
        .contains("Mixed (b 2)  n=6");
    // the training curves of the best and the worst models
    assertThat(Files.readString(root.resolve("curves-error-mixed-b-1.svg")))
        .contains("best Mixed_s0000 (10.00%)")
        .contains("worst Mixed_s0010 (15.00%)");
    assertThat(root.resolve("curves-loss-mixed-b-2.svg")).isRegularFile();

    CliRun continuous =
        CliRun.of(
            "report",
            sweep.toString(),
            "--split",
            "wm",
            "--out",
            root.resolve("c.html").toString());
    assertThat(continuous.exitCode()).isEqualTo(2);
    assertThat(continuous.err()).contains("Mixed has 13 values of 'wm', too many for an EDF each");
    CliRun unknown =
        CliRun.of(
            "report",
            sweep.toString(),
            "--split",
            "x9",
            "--out",
            root.resolve("u.html").toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no model of any sweep has a parameter 'x9' to split by");
  }

  @Test
  void aFilterKeepsTheModelsInItsRange(@TempDir Path root) throws Exception {
    Path sweep = sweep(root);
    CliRun run =
        CliRun.of(
            "report",
            sweep.toString(),
            "--filter",
            "flops=5.2e6:5.5e6",
            "--out",
            root.resolve("f.html").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Mixed: only the models with flops 5.20M to 5.50M, 4 of 13")
        .contains("Mixed: 4 models (4 done), error min 11.00%");
    CliRun none =
        CliRun.of(
            "report",
            sweep.toString(),
            "--filter",
            "acts=:1000",
            "--out",
            root.resolve("x.html").toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("no finished model of Mixed has acts 0 to 1.0k");
    assertThatThrownBy(() -> ModelFilter.parse("flops 5e6"))
        .hasMessageContaining("--filter is MEASURE=LOW:HIGH");
    assertThatThrownBy(() -> ModelFilter.parse("time=1:2"))
        .hasMessageContaining("--filter measures flops, params or acts");
  }
}
