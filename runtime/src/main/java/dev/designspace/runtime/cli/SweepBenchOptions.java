package dev.designspace.runtime.cli;

import dev.designspace.generator.tool.ExitCodes;
import dev.designspace.runtime.sweep.SweepBenchmark;
import dev.designspace.runtime.sweep.WorkerMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * {@code bench sweep}: models per hour of the demo's sweeps with one JVM per model against
 * persistent workers, and the time per model outside training; rounds interleave the two.
 */
final class SweepBenchOptions {
  @Option(
      names = "--models",
      paramLabel = "N",
      defaultValue = "4",
      description = "Sweep: models per sweep (default: ${DEFAULT-VALUE}).")
  int models;

  @Option(
      names = "--workers",
      paramLabel = "W",
      defaultValue = "2",
      description = "Sweep: worker processes (default: ${DEFAULT-VALUE}, as the demo on 2 cores).")
  int workers;

  @Option(
      names = "--epochs",
      paramLabel = "E",
      defaultValue = "2",
      description = "Sweep: epochs per model (default: ${DEFAULT-VALUE}, the demo's).")
  int epochs;

  @Option(
      names = "--sweep-specs",
      split = ",",
      paramLabel = "SPEC",
      defaultValue = "specs/fmnist-anynet-xa.yaml,specs/fmnist-regnet-x.yaml",
      description = "Sweep: the spaces, one per round in turn (default: the demo's).")
  List<Path> specs;

  int run(int rounds, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("designspace-bench-sweep");
    SweepBenchmark.Result result;
    try {
      result =
          SweepBenchmark.run(
              new SweepBenchmark.Request(
                  specs,
                  models,
                  rounds,
                  workers,
                  // the demo's training: the embedded Fashion-MNIST subset, all of it
                  List.of(
                      "--epochs",
                      String.valueOf(epochs),
                      "--dataset",
                      "fashion-mnist-subset",
                      "--train-limit",
                      "10000",
                      "--test-limit",
                      "2000"),
                  scratch),
              line -> {
                err.println(line);
                err.flush();
              });
    } finally {
      deleteTree(scratch);
    }
    double perModel = result.medianModelsPerHour(WorkerMode.PER_MODEL);
    double persistent = result.medianModelsPerHour(WorkerMode.PERSISTENT);
    out.printf(
        Locale.ROOT,
        "%d rounds x %d models per design, %d workers, %d epochs on fashion-mnist-subset,"
            + " medians%n",
        rounds,
        models,
        workers,
        epochs);
    out.printf(
        Locale.ROOT,
        "| design | models per hour | seconds per model outside training |%n|---|---|---|%n");
    out.printf(
        Locale.ROOT,
        "| one JVM per model | %.1f | %.1f |%n",
        perModel,
        result.medianOverheadSeconds(WorkerMode.PER_MODEL));
    out.printf(
        Locale.ROOT,
        "| persistent workers | %.1f = %.2fx | %.1f |%n",
        persistent,
        persistent / perModel,
        result.medianOverheadSeconds(WorkerMode.PERSISTENT));
    out.flush();
    return ExitCodes.OK;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
