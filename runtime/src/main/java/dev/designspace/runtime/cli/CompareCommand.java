package dev.designspace.runtime.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodes;
import dev.designspace.runtime.sequential.CompareRequest;
import dev.designspace.runtime.sequential.CompareSpaces;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compare}: design spaces swept and compared, a fixed number of models or until decided. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Sweeps design spaces and compares each later one with the first in one report.",
      "With --until-decided the spaces are trained in rounds (--first-look models each, then"
          + " --round more) and the verdict is looked at after every round with a group-sequential"
          + " design, until it is decided, --max-models is reached or --budget would end; otherwise"
          + " -n models each. Each space is a sweep in --out/<spec file name>; rerunning resumes,"
          + " continuing from the last look."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace compare specs/fmnist-anynet-xa.yaml specs/fmnist-regnet-x.yaml \\",
      "      --until-decided --budget 1h --epochs 2 --dataset fashion-mnist-subset",
      "  designspace compare a.yaml b.yaml -n 20 --out runs/a-vs-b"
    })
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(arity = "2..*", paramLabel = "SPEC", description = "The design spaces (YAML).")
  List<Path> specs;

  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      defaultValue = "20",
      description = "Models per space without --until-decided (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--until-decided",
      description = "Train in rounds until the comparison is decided (see above).")
  boolean untilDecided;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "Sampling seed of every space (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--epochs",
      paramLabel = "E",
      defaultValue = "2",
      description = "Epochs per model (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--dataset",
      paramLabel = "D",
      defaultValue = "fashion-mnist-subset",
      description = "The data (default: ${DEFAULT-VALUE}); see train --help.")
  String dataset;

  @Option(
      names = "--workers",
      paramLabel = "W",
      description = "Worker processes at once (default: one per core).")
  Integer workers;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "runs/compare",
      description =
          "Holds one sweep directory per space, looks.json and report.html (default:"
              + " ${DEFAULT-VALUE}).")
  Path out;

  @Mixin SequentialOptions schedule;

  @Mixin ComparisonOptions comparison;

  @Mixin TrainOptionsMixin training;

  @Override
  public Integer call() throws Exception {
    for (Path s : specs) {
      if (!Files.isRegularFile(s)) {
        throw new BadInputException("spec file not found: " + s);
      }
    }
    PrintWriter err = command.commandLine().getErr();
    Workers pool = Workers.of(workers);
    int w = pool.count();
    List<String> args = training.workerArguments(epochs, dataset);
    CompareRequest request =
        new CompareRequest(
            specs,
            count,
            seed,
            out,
            w,
            pool.threadsEach(),
            args,
            untilDecided ? Optional.of(schedule.schedule(null)) : Optional.empty(),
            comparison.reportOptions());
    long start = System.nanoTime();
    CompareSpaces.Result result = CompareSpaces.run(request, new ProgressLines(err, "  "));
    print(result, start, command.commandLine().getOut());
    return ExitCodes.OK;
  }

  /**
   * The report's path, then its summary (how the run went, each space, each verdict), the best
   * model and the time.
   */
  static void print(CompareSpaces.Result result, long startNanos, PrintWriter stdout) {
    stdout.println("report: " + result.report().file());
    result.report().summary().forEach(stdout::println);
    stdout.println(result.report().bestModel());
    stdout.println(
        String.format(
            Locale.ROOT,
            "%d models in %.1f minutes",
            result.models(),
            (System.nanoTime() - startNanos) / 60e9));
    stdout.flush();
  }
}
