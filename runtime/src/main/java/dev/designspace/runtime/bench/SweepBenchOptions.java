package dev.designspace.runtime.bench;

import dev.designspace.command.ExitCodes;
import dev.designspace.files.FileTrees;
import dev.designspace.runtime.cli.OptionValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code bench sweep}: models per hour of the demo's sweeps as they ran before the throughput work
 * and as they run now, and the time per model outside training; rounds interleave the designs.
 */
final class SweepBenchOptions {
  @Option(
      names = "--models",
      paramLabel = "N",
      defaultValue = "4",
      description = "Sweep: models per spec (default: ${DEFAULT-VALUE}).")
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
      description = "Sweep: the spaces, all swept in every measurement (default: the demo's).")
  List<Path> specs;

  @Option(
      names = "--designs",
      split = ",",
      paramLabel = "D",
      defaultValue = "before,now",
      converter = SweepBenchOptions.Designs.class,
      description =
          "Sweep: the designs compared, the first the baseline: before (one JVM per model,"
              + " Grappler on, sweeps in turn), persistent (persistent workers, the rest as"
              + " before), now (default: ${DEFAULT-VALUE}).")
  List<SweepBenchmark.Design> designs;

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
                  designs,
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
      FileTrees.delete(scratch);
    }
    out.printf(
        Locale.ROOT,
        "%d rounds x %d models of each of %d specs per design, %d workers, %d epochs on"
            + " fashion-mnist-subset, medians%n",
        rounds,
        models,
        specs.size(),
        workers,
        epochs);
    out.printf(
        Locale.ROOT,
        "| design | models per hour | seconds per model outside training |%n|---|---|---|%n");
    double baseline = result.medianModelsPerHour(designs.get(0));
    for (SweepBenchmark.Design design : designs) {
      double perHour = result.medianModelsPerHour(design);
      out.printf(
          Locale.ROOT,
          "| %s | %.1f = %.2fx | %.1f |%n",
          design.description(),
          perHour,
          perHour / baseline,
          result.medianOverheadSeconds(design));
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** The designs by their names on the command line. */
  static final class Designs extends OptionValues.Names<SweepBenchmark.Design> {
    Designs() {
      super(
          SweepBenchmark.Design::parse,
          Arrays.stream(SweepBenchmark.Design.values())
              .map(SweepBenchmark.Design::externalName)
              .toList());
    }
  }
}
