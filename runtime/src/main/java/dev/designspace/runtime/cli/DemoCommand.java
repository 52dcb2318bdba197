package dev.designspace.runtime.cli;

import dev.designspace.command.ExitCodes;
import dev.designspace.runtime.convtuning.FormulationChoice;
import dev.designspace.runtime.sequential.CompareRequest;
import dev.designspace.runtime.sequential.CompareSpaces;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the paper's comparison in small: AnyNetXA against RegNetX, both scaled for
 * Fashion-MNIST (specs/fmnist-*.yaml), sampled, trained briefly, compared in a report.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Compares AnyNetXA with RegNetX on Fashion-MNIST in about 15 minutes on 2 CPU cores.",
      "Sweeps specs/fmnist-anynet-xa.yaml and specs/fmnist-regnet-x.yaml (a few epochs per model"
          + " on 10,000 Fashion-MNIST training images and 2,000 test images) in rounds until the"
          + " comparison is decided or the budget ends, then writes the comparison report and"
          + " prints its path, the verdict with its effects and a summary. Rerunning resumes (with"
          + " the same options)."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(
      names = {"-n", "--count"},
      defaultValue = "10",
      description = "Models per space with --no-until-decided (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--epochs",
      defaultValue = "2",
      description = "Epochs per model (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--dataset",
      defaultValue = "fashion-mnist-subset",
      description =
          "The data (default: ${DEFAULT-VALUE}, the balanced 10,000/2,000 images shipped in the"
              + " jar, so that the demo gives the same models and errors on every machine).")
  String dataset;

  @Option(
      names = "--train-limit",
      defaultValue = "10000",
      description =
          "Training images per epoch (default: ${DEFAULT-VALUE}, the embedded subset's size).")
  int trainLimit;

  @Option(
      names = "--test-limit",
      defaultValue = "2000",
      description =
          "Test images evaluated per epoch (default: ${DEFAULT-VALUE}, the embedded subset's"
              + " size).")
  int testLimit;

  @Option(
      names = "--recipe",
      paramLabel = "R",
      description =
          "proxy (train's default) or paper, the paper's recipe as it is; see train --help.")
  String recipe;

  @Option(
      names = "--conv-impl",
      paramLabel = "I",
      converter = OptionValues.FormulationChoices.class,
      completionCandidates = OptionValues.FormulationChoices.class,
      description =
          "How grouped convolutions are built: ${COMPLETION-CANDIDATES} (default: train's); see"
              + " train --help.")
  FormulationChoice convImpl;

  @Option(names = "--workers", description = "Worker processes (default: one per core).")
  Integer workers;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Sampling seed of both spaces (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      defaultValue = "runs/demo",
      description = "Where the sweeps and report go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--specs",
      split = ",",
      defaultValue = "specs/fmnist-anynet-xa.yaml,specs/fmnist-regnet-x.yaml",
      description = "The design spaces compared (default: ${DEFAULT-VALUE}).")
  List<Path> specs;

  @Option(
      names = "--until-decided",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Train in rounds until the comparison is decided, within --budget (default: on;"
              + " --no-until-decided trains -n models per space).")
  boolean untilDecided;

  /** Sized so that the demo takes about 15 minutes on 2 cores (BENCHMARKS.md). */
  static final Duration DEFAULT_BUDGET = Duration.ofMinutes(15);

  @Mixin SequentialOptions schedule;

  @Mixin ComparisonOptions comparison;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = command.commandLine().getErr();
    Workers pool = Workers.of(workers);
    int w = pool.count();
    long start = System.nanoTime();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--epochs",
                String.valueOf(epochs),
                "--dataset",
                dataset,
                "--train-limit",
                String.valueOf(trainLimit),
                "--test-limit",
                String.valueOf(testLimit)));
    if (recipe != null) {
      args.addAll(List.of("--recipe", recipe));
    }
    if (convImpl != null) {
      args.addAll(List.of("--conv-impl", convImpl.externalName()));
    }
    Optional<CompareRequest.Schedule> rounds =
        untilDecided ? Optional.of(schedule.schedule(DEFAULT_BUDGET)) : Optional.empty();
    CompareRequest request =
        new CompareRequest(
            specs,
            count,
            seed,
            out,
            w,
            pool.threadsEach(),
            args,
            rounds,
            comparison.reportOptions());
    for (Path specFile : specs) {
      err.println(
          "demo: "
              + specFile
              + (untilDecided
                  ? ", until decided (looks at "
                      + schedule.firstLook
                      + " models, then every "
                      + schedule.round
                      + ")"
                  : ", " + count + " models")
              + ", "
              + epochs
              + " epochs -> "
              + request.sweepDirectory(specFile));
    }
    err.flush();
    CompareSpaces.Result result = CompareSpaces.run(request, new ProgressLines(err, "  "));
    CompareCommand.print(result, start, command.commandLine().getOut());
    return ExitCodes.OK;
  }
}
