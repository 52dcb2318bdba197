package dev.designspace.runtime.cli;

import dev.designspace.generator.cli.BadInputException;
import dev.designspace.generator.cli.ExitCodes;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.data.Datasets;
import dev.designspace.runtime.sweep.LocalSweep;
import dev.designspace.runtime.sweep.SweepListener;
import dev.designspace.runtime.sweep.SweepProgress;
import dev.designspace.runtime.sweep.SweepRequest;
import dev.designspace.runtime.sweep.SweepResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sweep}: sample a design space and train every model, each in its own worker process. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Sample N models of a design space, generate their classes and train each in its own",
      "worker process (designspace train), W at a time; collect sweep.json and sweep.csv.",
      "Rerunning the same command resumes: finished models are skipped, interrupted ones",
      "continue from their checkpoints; failed and diverged models are recorded. The training",
      "options (--epochs, --dataset, --batch-size, --lr, ...) are train's, applied to every model."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  designspace sweep specs/fmnist-regnet-x.yaml -n 20 --epochs 2 --workers 2"})
public final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "A sampled design space (YAML).")
  Path specFile;

  @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10", description = "Models (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--epochs", paramLabel = "E", defaultValue = "10", description = "Epochs per model (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--dataset", paramLabel = "D", defaultValue = Datasets.DEFAULT, description = "(default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--workers", paramLabel = "W", description = "Worker processes at once (default: one per core).")
  Integer workers;

  @Option(names = "--out", paramLabel = "DIR", description = "Sweep directory (default: runs/SPACE).")
  Path out;

  @Option(names = "--batch-size", paramLabel = "B") Integer batchSize;

  @Option(names = "--lr", paramLabel = "LR") Double lr;

  @Option(names = "--augment", paramLabel = "A") String augment;

  @Option(names = "--train-limit", paramLabel = "N") Integer trainLimit;

  @Option(names = "--test-limit", paramLabel = "N") Integer testLimit;

  @Option(names = "--weight-decay", paramLabel = "WD") Double weightDecay;

  @Option(names = "--decay-all") boolean decayAll;

  @Option(names = "--label-smoothing", paramLabel = "LS") Double labelSmoothing;

  @Option(names = "--warmup-epochs", paramLabel = "W") Double warmupEpochs;

  @Option(names = "--train-seed", paramLabel = "S") Long trainSeed;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(specFile)) {
      throw new BadInputException("spec file not found: " + specFile);
    }
    DesignSpace space = SpecLoader.load(specFile);
    if (!space.isSampled()) {
      throw new BadInputException(specFile + " lists fixed models; a sweep samples a design space");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int w = workers != null ? workers : cores;
    List<String> args = new ArrayList<>(List.of("--epochs", String.valueOf(epochs), "--dataset", dataset));
    add(args, "--batch-size", batchSize);
    add(args, "--lr", lr);
    add(args, "--augment", augment);
    add(args, "--train-limit", trainLimit);
    add(args, "--test-limit", testLimit);
    add(args, "--weight-decay", weightDecay);
    add(args, "--label-smoothing", labelSmoothing);
    add(args, "--warmup-epochs", warmupEpochs);
    add(args, "--train-seed", trainSeed);
    if (decayAll) {
      args.add("--decay-all");
    }
    SweepRequest request;
    try {
      request = new SweepRequest(specFile, count, seed, out != null ? out : Path.of("runs", space.name()), w,
          Math.max(1, cores / w), args);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    SweepResult result = LocalSweep.run(request, new SweepListener() {
      @Override
      public void finished(String modelId, String status, double error, SweepProgress p) {
        err.println(String.format(Locale.ROOT,
            "[%d/%d] %s %s %.2f%% | done %d, failed %d, diverged %d, running %d, best %.2f%%, ETA %.0f s",
            p.finished(), p.total(), modelId, status, error, p.done(), p.failed(), p.diverged(), p.running(),
            p.bestError(), p.etaSeconds()));
        err.flush();
      }

      @Override
      public void message(String line) {
        err.println(line);
        err.flush();
      }
    });
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(String.format(Locale.ROOT, "%s: %d models, %d done, %d failed, %d diverged, best error %.2f%%; %s",
        space.name(), result.results().size(), result.done(), result.failed(), result.diverged(), result.bestError(),
        request.directory().resolve("sweep.json")));
    stdout.flush();
    return ExitCodes.OK;
  }

  private static void add(List<String> args, String option, Object value) {
    if (value != null) {
      args.add(option);
      args.add(String.valueOf(value));
    }
  }
}
