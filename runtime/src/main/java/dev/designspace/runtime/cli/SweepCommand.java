package dev.designspace.runtime.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodes;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.data.Datasets;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.slurm.ShellWords;
import dev.designspace.runtime.slurm.SlurmOptions;
import dev.designspace.runtime.slurm.SlurmRequest;
import dev.designspace.runtime.slurm.SlurmSubmission;
import dev.designspace.runtime.slurm.SlurmSweep;
import dev.designspace.runtime.sweep.LocalSweep;
import dev.designspace.runtime.sweep.ModelsLostException;
import dev.designspace.runtime.sweep.ProxyCheck;
import dev.designspace.runtime.sweep.SweepException;
import dev.designspace.runtime.sweep.SweepListener;
import dev.designspace.runtime.sweep.SweepProgress;
import dev.designspace.runtime.sweep.SweepRequest;
import dev.designspace.runtime.sweep.SweepResult;
import dev.designspace.runtime.sweep.SweepStatus;
import dev.designspace.runtime.sweep.WorkerMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sweep}: sample a design space and train every model in worker processes. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    subcommands = SweepStatusCommand.class,
    description = {
      "Samples N models of a design space and trains them in worker processes.",
      "The models' classes are generated and compiled once into the sweep directory; each model"
          + " is trained as designspace train DIR --model ID would train it. The local launcher"
          + " runs W worker processes, each training model after model (a crash costs only the"
          + " model in flight), then writes sweep.json, sweep.csv and the sweep's report.html with"
          + " each figure as an .svg file beside it. The Slurm launcher submits one sbatch array"
          + " job, one task per model, and leaves it to run; the tasks write into the same"
          + " directory.",
      "Rerunning the same command resumes: models with a result are skipped, interrupted ones"
          + " continue from their checkpoints; failed and diverged models are recorded"
          + " (--retry-failed trains the failed ones again). The training options (--epochs,"
          + " --dataset, --batch-size, --lr, ...) are train's, applied to every model. sweep status"
          + " DIR shows where a sweep stands."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace sweep specs/fmnist-regnet-x.yaml -n 20 --epochs 2 --workers 2",
      "  designspace sweep specs/regnet-x.yaml -n 500 --epochs 10 --launcher slurm \\",
      "      --partition gpu --gpus-per-task 1 --cpus-per-task 8 --time-limit 120 \\",
      "      --max-parallel 64 --out runs/regnetx",
      "  designspace sweep status runs/regnetx"
    })
public final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  // optional for picocli, so that 'sweep status DIR' needs none; call() requires it
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SPEC",
      description = "A sampled design space (YAML).")
  Path specFile;

  @Option(
      names = "--launcher",
      paramLabel = "L",
      defaultValue = "local",
      converter = OptionValues.Launchers.class,
      completionCandidates = OptionValues.Launchers.class,
      description =
          "Where the workers run: ${COMPLETION-CANDIDATES}; local: on this machine, slurm: as a"
              + " Slurm array job (default: ${DEFAULT-VALUE}).")
  Launcher launcher;

  // the form before 'sweep status DIR', kept working for scripts
  @Option(names = "--status", hidden = true, description = "The same as sweep status SPEC.")
  boolean status;

  @Option(
      names = "--retry-failed",
      description =
          "Train the models whose result is failed again (their old result"
              + " is kept as previous-result-N.json).")
  boolean retryFailed;

  @Option(
      names = "--partition",
      paramLabel = "P",
      description = "Slurm: the partition (default: the cluster's).")
  String partition;

  @Option(
      names = "--time-limit",
      paramLabel = "M",
      description = "Slurm: minutes per model (default: the partition's).")
  Integer timeLimit;

  @Option(
      names = "--gpus-per-task",
      paramLabel = "G",
      defaultValue = "0",
      description =
          "Slurm: GPUs per model; with G > 0 the models train on gpu:0 (default:"
              + " ${DEFAULT-VALUE}).")
  int gpusPerTask;

  @Option(
      names = "--cpus-per-task",
      paramLabel = "C",
      defaultValue = "1",
      description =
          "Slurm: CPUs per model, also its TensorFlow threads (default: ${DEFAULT-VALUE}).")
  int cpusPerTask;

  @Option(
      names = "--max-parallel",
      paramLabel = "K",
      description = "Slurm: at most K models at once (array %%K).")
  Integer maxParallel;

  @Option(names = "--dry-run", description = "Slurm: write the sbatch script, submit nothing.")
  boolean dryRun;

  @Option(
      names = "--check-proxy",
      paramLabel = "K",
      defaultValue = "0",
      description =
          "After the sweep, train K of its models (a random subset, seeded by --seed) again for"
              + " --check-epochs and write proxy-check.json: whether the short runs rank the models"
              + " as longer training does (rank correlations with bootstrap intervals and a"
              + " verdict; the report shows them).")
  int checkProxy;

  @Option(
      names = "--reruns",
      paramLabel = "K",
      defaultValue = "0",
      description =
          "After the sweep, train K of its models (a random subset, seeded by --seed) again with"
              + " the next training seed into reruns/: the report sets each model's two errors"
              + " side by side, the training noise under the space's EDF.")
  int reruns;

  @Option(
      names = "--check-epochs",
      paramLabel = "E",
      description = "Epochs of the proxy check's longer runs (default: 4 x --epochs).")
  Integer checkEpochs;

  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      defaultValue = "10",
      description = "Models (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--epochs",
      paramLabel = "E",
      defaultValue = "10",
      description = "Epochs per model (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--dataset",
      paramLabel = "D",
      defaultValue = Datasets.DEFAULT,
      description = "The data, as train takes it (see train --help) (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--workers",
      paramLabel = "W",
      description = "Worker processes at once (default: one per core).")
  Integer workers;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Sweep directory (default: runs/SPACE).")
  Path out;

  // for comparing with the design before persistent workers (bench sweep), not for users' runs
  @Option(
      names = "--worker-mode",
      hidden = true,
      paramLabel = "M",
      defaultValue = "persistent",
      converter = OptionValues.WorkerModes.class,
      completionCandidates = OptionValues.WorkerModes.class,
      description =
          "Local: ${COMPLETION-CANDIDATES}; persistent: a worker trains model after model,"
              + " per-model: a new process per model (default: ${DEFAULT-VALUE}).")
  WorkerMode workerMode;

  @Mixin TrainOptionsMixin training;

  @Override
  public Integer call() throws Exception {
    if (specFile == null) {
      throw new ParameterException(command.commandLine(), "Missing required parameter: 'SPEC'");
    }
    if (status) {
      return SweepStatusCommand.show(specFile, "--status", command.commandLine());
    }
    if (Files.isDirectory(specFile)) {
      throw new BadInputException(
          specFile
              + " is a directory: pass the spec file to sweep (rerun the command that"
              + " started the sweep to resume it), or run designspace sweep status "
              + ShellWords.word(specFile.toString())
              + " to see where the sweep in it stands");
    }
    if (!Files.isRegularFile(specFile)) {
      throw new BadInputException("spec file not found: " + specFile);
    }
    DesignSpace space = SpecLoader.load(specFile);
    if (!space.isSampled()) {
      throw new BadInputException(specFile + " lists fixed models; a sweep samples a design space");
    }
    Workers pool = Workers.of(workers);
    int w = pool.count();
    List<String> args = training.workerArguments(epochs, dataset);
    Path directory = out != null ? out : Path.of("runs", space.name());
    requireOptionsOf(launcher);
    if (reruns < 0 || reruns > count) {
      throw new BadInputException(
          "--reruns trains up to the sweep's " + count + " models again, got " + reruns);
    }
    if (launcher == Launcher.SLURM) {
      return submit(directory, args);
    }
    SweepRequest request =
        new SweepRequest(
            specFile,
            count,
            seed,
            directory,
            w,
            pool.threadsEach(),
            args,
            retryFailed,
            checkProxy,
            checkEpochs != null ? checkEpochs : ProxyCheck.EPOCH_FACTOR * epochs,
            workerMode,
            false);
    PrintWriter err = command.commandLine().getErr();
    SweepListener progress =
        new SweepListener() {
          @Override
          public void finished(ModelResult result, SweepProgress p) {
            err.println(
                String.format(
                    Locale.ROOT,
                    "[%d/%d] %s | done %d, failed %d, diverged %d, running %d, best"
                        + " %.2f%%, ETA %.0f s",
                    p.finished(),
                    p.total(),
                    ProgressLines.ended(result),
                    p.done(),
                    p.failed(),
                    p.diverged(),
                    p.running(),
                    p.bestError(),
                    p.etaSeconds()));
            err.flush();
          }

          @Override
          public void message(String line) {
            err.println(line);
            err.flush();
          }
        };
    SweepResult result;
    try {
      result = LocalSweep.run(request, progress, SweepCommand::requireNoSlurmTasks);
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("No space left on device")) {
        throw new ModelsLostException(
            "no space left on device in "
                + request.directory()
                + ": free some space and run the same command again; the models with a result"
                + " keep it");
      }
      throw e;
    }
    if (reruns > 0 && result.stopped().isEmpty()) {
      Optional<String> stopped = LocalSweep.rerun(request, reruns, progress);
      if (stopped.isPresent()) {
        result = result.stoppedBecause(stopped.get());
      }
    }
    PrintWriter stdout = command.commandLine().getOut();
    stdout.println(
        String.format(
            Locale.ROOT,
            "%s: %d models, %d done, %d failed, %d diverged, best error %.2f%%; %s",
            space.name(),
            result.results().size(),
            result.done(),
            result.failed(),
            result.diverged(),
            result.bestError(),
            request.directory().resolve("sweep.json")));
    if (!result.results().isEmpty()) {
      SweepStatusCommand.writeReport(request.directory(), err)
          .ifPresent(file -> stdout.println("report: " + file));
    }
    stdout.flush();
    return lostModels(result, "the sweep", "the same command", err);
  }

  /**
   * {@link ExitCodes#OK}, or {@link ExitCodes#MODELS_LOST} with a message saying what was lost and
   * how to get it back, when the sweep stopped early or models were lost to their environment.
   */
  static int lostModels(SweepResult result, String what, String again, PrintWriter err) {
    List<ModelResult> lost = result.lost();
    if (result.stopped().isEmpty() && lost.isEmpty()) {
      return ExitCodes.OK;
    }
    result
        .stopped()
        .ifPresent(
            why ->
                err.println(
                    "error: "
                        + what
                        + " stopped: "
                        + why
                        + ". The models without a result, and those lost to the disk, are"
                        + " trained when you run "
                        + again
                        + " once the directory can be written again."));
    if (!lost.isEmpty()) {
      err.println(
          String.format(
              Locale.ROOT,
              "error: %d model%s lost to %s environment, not to %s architecture (%s); run %s to"
                  + " train them again",
              lost.size(),
              lost.size() == 1 ? " was" : "s were",
              lost.size() == 1 ? "its" : "their",
              lost.size() == 1 ? "its" : "their",
              lost.get(0).message(),
              again));
    }
    err.flush();
    return ExitCodes.MODELS_LOST;
  }

  private int submit(Path directory, List<String> args) throws IOException {
    SlurmRequest request =
        new SlurmRequest(
            specFile,
            count,
            seed,
            directory,
            args,
            new SlurmOptions(partition, timeLimit, gpusPerTask, cpusPerTask, maxParallel),
            retryFailed,
            dryRun);
    SlurmSubmission submission = SlurmSweep.submit(request);
    PrintWriter stdout = command.commandLine().getOut();
    String skipped =
        String.format(
            Locale.ROOT,
            "%d with a result, %d already queued%s%s",
            submission.withResult(),
            submission.queued(),
            submission.failedKept() == 0
                ? ""
                : "; "
                    + submission.failedKept()
                    + " failed, add --retry-failed to train them again",
            submission.setAside() == 0
                ? ""
                : "; "
                    + submission.setAside()
                    + " failed results set aside as previous-result-N.json to train again");
    if (submission.tasks().isEmpty()) {
      stdout.println(
          "nothing to submit: "
              + skipped
              + "; designspace report "
              + ShellWords.word(directory.toString())
              + " collects the results");
    } else if (submission.jobId() == null) {
      stdout.println(
          "wrote "
              + submission.script()
              + " for "
              + submission.tasks().size()
              + " models ("
              + skipped
              + "); submit it with:");
      stdout.println(
          "  " + String.join(" ", submission.command().stream().map(ShellWords::word).toList()));
    } else {
      stdout.println(
          "submitted job "
              + submission.jobId()
              + ": "
              + submission.tasks().size()
              + " models ("
              + skipped
              + "); logs in "
              + directory.resolve("slurm/logs"));
      stdout.println("  " + SweepStatusCommand.commandFor(directory));
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  /** Local workers next to Slurm tasks of the same sweep could train one model twice. */
  private static void requireNoSlurmTasks(Path directory) throws IOException {
    if (!Files.isRegularFile(directory.resolve(SourceGeneration.MANIFEST))) {
      return;
    }
    SweepStatus status = SweepStatus.read(directory, SlurmSweep::queue);
    String statusCommand = SweepStatusCommand.commandFor(directory);
    if (status.running() + status.pending() > 0) {
      throw new SweepException(
          directory
              + " has "
              + (status.running() + status.pending())
              + " Slurm tasks queued or"
              + " running; let them finish ("
              + statusCommand
              + "), or continue with --launcher slurm");
    }
    if (status.jobs() > 0 && !status.queueKnown()) {
      throw new SweepException(
          directory
              + " was submitted to Slurm and squeue does not answer, so its tasks may still"
              + " be running; run the local sweep when "
              + statusCommand
              + " shows none queued");
    }
  }

  /** Options of the other launcher are a mistake, not something to ignore silently. */
  private void requireOptionsOf(Launcher chosen) {
    List<String> wrong = new ArrayList<>();
    if (chosen == Launcher.SLURM) {
      if (workers != null) {
        wrong.add(
            "--workers (Slurm runs every model as its own task; --max-parallel limits how many at"
                + " once)");
      }
      if (checkProxy != 0 || checkEpochs != null) {
        wrong.add("--check-proxy/--check-epochs (run the proxy check with the local launcher)");
      }
      if (reruns != 0) {
        wrong.add("--reruns (run the reruns with the local launcher)");
      }
    } else {
      if (partition != null) {
        wrong.add("--partition");
      }
      if (timeLimit != null) {
        wrong.add("--time-limit");
      }
      if (maxParallel != null) {
        wrong.add("--max-parallel");
      }
      if (dryRun) {
        wrong.add("--dry-run");
      }
      if (gpusPerTask != 0 || cpusPerTask != 1) {
        wrong.add("--gpus-per-task/--cpus-per-task");
      }
    }
    if (!wrong.isEmpty()) {
      boolean one = wrong.size() == 1;
      throw new BadInputException(
          String.join(", ", wrong)
              + (chosen == Launcher.SLURM
                  ? (one ? " is not an option" : " are not options") + " of --launcher slurm"
                  : (one ? " applies" : " apply") + " only with --launcher slurm"));
    }
  }
}
