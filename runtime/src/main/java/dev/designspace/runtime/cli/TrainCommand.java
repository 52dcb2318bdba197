package dev.designspace.runtime.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodes;
import dev.designspace.files.DirectoryLock;
import dev.designspace.model.ModelInfo;
import dev.designspace.runtime.compile.SpecModels;
import dev.designspace.runtime.data.Dataset;
import dev.designspace.runtime.data.Datasets;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunDirectory;
import dev.designspace.runtime.runfiles.RunFiles;
import dev.designspace.runtime.runfiles.RunStatus;
import dev.designspace.runtime.runfiles.TrainingSetupException;
import dev.designspace.runtime.train.TrainOptions;
import dev.designspace.runtime.train.TrainRequest;
import dev.designspace.runtime.train.TrainResult;
import dev.designspace.runtime.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code train}: train one model of a spec into a run directory. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains one model of a spec into a run directory.",
      "The model is a fixed model named by --model, or the sampled model --index of sample --seed."
          + " Writes model.json (with the generated source under src/), train.log, checkpoints/"
          + " after every epoch, and result.json (best test top-1 error: the EDF value). --resume"
          + " continues an interrupted run from its last checkpoint with the same result as an"
          + " uninterrupted one."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace train specs/fmnist-models.yaml --model RegNetX-12MF --epochs 1",
      "  designspace train specs/fmnist-regnet-x.yaml --seed 0 --index 3 --epochs 5 \\",
      "      --out runs/x3",
      "  designspace train specs/cifar-anynets.yaml --model R-56 \\",
      "      --dataset cifar10:data/cifar-10-batches-bin"
    })
public final class TrainCommand implements Callable<Integer> {
  /** Picking sample I generates I + 1 models; beyond this a sweep is the tool. */
  static final int MAX_INDEX = 100_000;

  /** Where the data comes from: {@link Datasets#load}, or a worker's cache of decoded data. */
  interface DatasetSource {
    Dataset load(String spec, int size, int channels, int classes, Consumer<String> notices);
  }

  private final DatasetSource datasets;

  public TrainCommand() {
    this(Datasets::load);
  }

  TrainCommand(DatasetSource datasets) {
    this.datasets = datasets;
  }

  @Spec CommandSpec command;

  @Parameters(
      index = "0",
      paramLabel = "SPEC",
      description =
          "A spec file (YAML), or a sweep directory (then --model ID picks one of its compiled"
              + " models).")
  Path specFile;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "The model to train (fixed-model specs).")
  String model;

  @Option(
      names = "--index",
      paramLabel = "I",
      defaultValue = "0",
      description = "Sampled spaces: train model I of the sample (default: ${DEFAULT-VALUE}).")
  int index;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "Sampled spaces: the sampling seed (default: ${DEFAULT-VALUE}).")
  long sampleSeed;

  @Option(
      names = "--dataset",
      paramLabel = "D",
      defaultValue = Datasets.DEFAULT,
      description =
          "fashion-mnist, fashion-mnist-full, fashion-mnist-subset, cifar10[:DIR], imagefolder:DIR,"
              + " synthetic[:N] (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--epochs",
      paramLabel = "E",
      defaultValue = "10",
      description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Mixin TrainOptionsMixin training;

  @Option(
      names = "--threads",
      paramLabel = "T",
      defaultValue = "0",
      description = "TensorFlow intra-op threads (default: all cores).")
  int threads;

  @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/MODEL).")
  Path out;

  @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
  boolean resume;

  @Override
  public Integer call() {
    boolean sweepModel = Files.isDirectory(specFile);
    if (!sweepModel && !Files.isRegularFile(specFile)) {
      throw new BadInputException("spec file not found: " + specFile);
    }
    if (index < 0 || index >= MAX_INDEX) {
      throw new BadInputException("--index must be in [0, " + MAX_INDEX + "), got " + index);
    }
    TrainOptions options = training.trainOptions(epochs, threads);
    SpecModels.Loaded chosen =
        sweepModel
            ? ModelChoice.fromSweep(specFile, model)
            : ModelChoice.choose(specFile, model, index, sampleSeed);
    ModelInfo info = chosen.network().info();
    RunDirectory run = new RunDirectory(out != null ? out : Path.of("runs", info.name()));
    Optional<DirectoryLock> lock = run.tryLock();
    if (lock.isEmpty()) {
      if (sweepModel) { // e.g. a retried pod beside the one still training: leave the model to it
        command
            .commandLine()
            .getErr()
            .println(
                info.name()
                    + " is being trained into "
                    + run.path()
                    + " by another process; leaving it to that one");
        command.commandLine().getErr().flush();
        return ExitCodes.OK;
      }
      throw new BadInputException(
          "another process is training into "
              + run.path()
              + "; wait for it, or choose another"
              + " --out");
    }
    try (DirectoryLock held = lock.get()) {
      return sweepModel
          ? trainSweepModel(chosen, info, run, options)
          : train(chosen, info, run, options);
    }
  }

  private int trainSweepModel(
      SpecModels.Loaded chosen, ModelInfo info, RunDirectory run, TrainOptions options) {
    // a sweep's model that cannot be trained gets a failed result saying why, for sweep status and
    // the report
    try {
      return train(chosen, info, run, options);
    } catch (RuntimeException e) {
      if (!Files.exists(run.resolve(RunFiles.RESULT))) {
        if (e instanceof BadInputException) {
          run.writeFailure(info, e.getMessage()); // a user's mistake reads as its message
        } else {
          run.writeFailure(info, e);
        }
      }
      throw e;
    }
  }

  private int train(
      SpecModels.Loaded chosen, ModelInfo info, RunDirectory run, TrainOptions options) {
    PrintWriter err = command.commandLine().getErr();
    if (!resume
        && (Files.exists(run.resolve(RunFiles.STATE))
            || Files.exists(run.resolve(RunFiles.RESULT)))) {
      throw new BadInputException(
          run.path()
              + " already holds a run; add --resume to continue it, or choose another --out");
    }
    if (resume && run.result().map(ModelResult::status).orElse(null) == RunStatus.DONE) {
      err.println(
          info.name() + " is already trained in " + run.path() + " (result.json); nothing to do");
      err.flush();
      return ExitCodes.OK;
    }
    Dataset data =
        datasets.load(
            dataset,
            info.inputSize(),
            info.inputChannels(),
            info.classes(),
            line -> {
              err.println(line);
              err.flush();
            });
    String qualified = chosen.className();
    if (resume && Files.exists(run.resolve(RunDirectory.MODEL))) {
      List<String> differences =
          run.differencesFrom(qualified, info, data.origin(), options.toJson());
      if (!differences.isEmpty()) {
        throw new BadInputException(
            "--resume would continue "
                + run.path()
                + " differently from how it started: "
                + String.join("; ", differences)
                + ". Resume with the original options, or train into another --out");
      }
    } else {
      run.writeModel(qualified, chosen.source(), info, data.origin(), options.toJson());
    }
    TrainResult result;
    try (ConsoleProgress progress = new ConsoleProgress(err, info.name())) {
      try {
        result =
            Trainer.train(new TrainRequest(chosen.network(), data, options, run, resume, progress));
      } catch (TrainingSetupException e) {
        throw e; // the setup a user chose, not a failure of the run: nothing to record
      } catch (RuntimeException e) {
        run.writeFailure(info, e);
        throw e;
      }
    }
    PrintWriter stdout = command.commandLine().getOut();
    stdout.println(
        String.format(
            Locale.ROOT,
            "%s: %s, best test error %.2f%% (epoch %d), final %.2f%%, %.0f images/s; run in %s",
            info.name(),
            result.status(),
            result.error(),
            result.bestEpoch(),
            result.finalError(),
            result.imagesPerSecond(),
            run.path()));
    stdout.flush();
    return result.status() == RunStatus.DONE ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
