package dev.designspace.runtime.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodes;
import dev.designspace.generator.spec.StudySpec;
import dev.designspace.generator.spec.StudySpecLoader;
import dev.designspace.runtime.study.Study;
import dev.designspace.runtime.study.StudyRequest;
import dev.designspace.runtime.study.StudyResult;
import dev.designspace.runtime.sweep.SweepDirectory;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code study}: a study file's design spaces, one sweep each, and its comparisons in one report;
 * by default the paper's progression AnyNetXA to RegNetX.
 */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a study: the design spaces of a study FILE, one sweep each, and its comparisons,"
          + " each beside what the paper found, in one report.",
      "Without FILE, specs/studies/progression.yaml: the paper's progression from AnyNetXA"
          + " through XB, XC, XD and XE to RegNetX at Fashion-MNIST scale. N models per space,"
          + " or with --until-decided round by round until every comparison is decided; each"
          + " verdict (better, no worse, as good as, ...) stands next to the paper's finding, with"
          + " the proxy trust of both spaces: every space gets a proxy check. Each space is a"
          + " sweep in its own directory under --out, so rerunning resumes. The progression's"
          + " defaults took about 1 h 45 min on 2 CPU cores (FINDINGS.md, 32 models per space);"
          + " with --until-decided --budget 90m, 87.9 minutes. A study file: docs/sweeps.md."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace study",
      "  designspace study specs/studies/regnet-analyses.yaml --until-decided --budget 3h \\",
      "      --out runs/analyses",
      "  designspace study -n 12 --check-proxy 6 --out runs/small-study",
      "  designspace study --until-decided --budget 2h --out runs/sequential-study",
      "  designspace study --dataset fashion-mnist-full --train-limit 60000 \\",
      "      --test-limit 10000 --epochs 5"
    })
public final class StudyCommand implements Callable<Integer> {
  /** The study of FINDINGS.md: 32 models per space took about 1 h 45 min on 2 cores. */
  static final int DEFAULT_COUNT = 32;

  /**
   * Every space's proxy check: 8 models at twice the epochs. Eight is the fewest whose rank
   * correlation a bootstrap interval can keep above 0 when it is strong; twice the epochs keeps the
   * six checks (96 model-proxies of work) near the cost of the former check of two spaces at 10
   * models and four times the epochs (80).
   */
  static final int DEFAULT_CHECK = 8;

  static final int CHECK_EPOCH_FACTOR = 2;

  @Spec CommandSpec command;

  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      defaultValue = "" + DEFAULT_COUNT,
      description = "Models per space (default: ${DEFAULT-VALUE}).")
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
      defaultValue = "2",
      description = "Epochs per model (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--dataset",
      paramLabel = "D",
      defaultValue = "fashion-mnist-subset",
      description =
          "The data (default: ${DEFAULT-VALUE}, the balanced 10,000/2,000 images shipped in the"
              + " jar, the same on every machine); see train --help.")
  String dataset;

  @Option(
      names = "--workers",
      paramLabel = "W",
      description = "Worker processes at once (default: one per core).")
  Integer workers;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "runs/study",
      description =
          "Holds one sweep directory per space and report.html (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--check-proxy",
      paramLabel = "K",
      description =
          "Models of every space trained again for --check-epochs, to judge the proxy in each"
              + " (default: 8, or the models per space when fewer; 0: none).")
  Integer checkProxy;

  @Option(
      names = "--check-epochs",
      paramLabel = "E",
      description = "Epochs of the proxy check (default: 2 x --epochs).")
  Integer checkEpochs;

  @Option(
      names = "--until-decided",
      description =
          "Train the spaces in rounds until every step is decided (or --max-models, or"
              + " --budget): a look at --first-look models per space, then every --round more.")
  boolean untilDecided;

  @Mixin SequentialOptions schedule;

  @Mixin ComparisonOptions comparison;

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "A study file (default: specs/studies/progression.yaml).")
  Path studyFile;

  @Option(
      names = "--specs",
      paramLabel = "SPEC",
      split = ",",
      description =
          "Instead of a study file: these spaces, in order, each step judged as a restriction"
              + " that loses nothing and the last against the first as better.")
  List<Path> specs;

  @Mixin TrainOptionsMixin training;

  /**
   * Refuses a space's train options that train would refuse, before any model is trained: every
   * model of the space would fail the same way.
   */
  private static void requireTrainOptions(Path file, StudySpec.Space space) {
    if (space.train().isEmpty()) {
      return;
    }
    List<String> args = new ArrayList<>(List.of("train", space.spec().toString()));
    args.addAll(space.train());
    try {
      DesignspaceMain.newCommandLine().parseArgs(args.toArray(String[]::new));
    } catch (picocli.CommandLine.ParameterException e) {
      throw new BadInputException(
          file + ": the train options of " + space.name() + " are not train's: " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = command.commandLine().getErr();
    Workers pool = Workers.of(workers);
    int w = pool.count();
    List<String> args = training.workerArguments(epochs, dataset);
    // the demo's budget unless told otherwise: 10,000 training and 2,000 test images
    if (!training.given("--train-limit")) {
      args.addAll(List.of("--train-limit", "10000"));
    }
    if (!training.given("--test-limit")) {
      args.addAll(List.of("--test-limit", "2000"));
    }
    int perSpace = untilDecided ? schedule.firstLook : count;
    if (specs != null && studyFile != null) {
      throw new BadInputException("give a study FILE or --specs, not both");
    }
    Optional<StudySpec> study = Optional.empty();
    if (specs == null) {
      Path file = studyFile != null ? studyFile : Study.PROGRESSION;
      if (!Files.isRegularFile(file)) {
        throw new BadInputException(
            "study file not found: "
                + file
                + (studyFile == null
                    ? " (study runs from the designspace checkout, where specs/studies/ is; or"
                        + " name a study FILE)"
                    : ""));
      }
      study = Optional.of(StudySpecLoader.load(file));
      for (StudySpec.Space s : study.get().spaces()) {
        requireTrainOptions(file, s);
      }
    }
    List<List<String>> spaceArguments =
        study
            .map(st -> st.spaces().stream().map(StudySpec.Space::train).toList())
            .orElse(List.of());
    StudyRequest request =
        new StudyRequest(
            specs != null
                ? specs
                : study.get().spaces().stream().map(StudySpec.Space::spec).toList(),
            count,
            seed,
            out,
            w,
            pool.threadsEach(),
            args,
            checkProxy != null ? checkProxy : Math.min(DEFAULT_CHECK, perSpace),
            // twice the epochs of the space that trains longest: longer than every sweep
            checkEpochs != null
                ? checkEpochs
                : CHECK_EPOCH_FACTOR * StudyRequest.longestEpochs(args, spaceArguments),
            untilDecided ? Optional.of(schedule.schedule(null)) : Optional.empty(),
            comparison.reportOptions(),
            spaceArguments,
            study.map(Study::steps).orElse(List.of()));
    for (Path s : request.specs()) {
      if (!Files.isRegularFile(s)) {
        throw new BadInputException(
            "spec file not found: "
                + s
                + (specs == null
                    ? " (study runs from the designspace checkout, where specs/ is; or name the"
                        + " spaces with --specs)"
                    : ""));
      }
    }
    if (study.isPresent()) {
      err.println(
          "study "
              + study.get().name()
              + ": "
              + study.get().spaces().size()
              + " spaces, "
              + study.get().comparisons().size()
              + " comparisons");
      err.flush();
    }
    long start = System.nanoTime();
    StudyResult result = Study.run(request, new ProgressLines(err, "  "));
    PrintWriter stdout = command.commandLine().getOut();
    stdout.println("report: " + result.report());
    result.summary().forEach(stdout::println);
    int models = 0;
    for (Path sweep : result.sweeps()) {
      models += SweepDirectory.open(sweep).models().size();
    }
    stdout.println(
        String.format(
            Locale.ROOT,
            "%d spaces, %d models in %.1f minutes",
            result.sweeps().size(),
            models,
            (System.nanoTime() - start) / 60e9));
    stdout.flush();
    return ExitCodes.OK;
  }
}
