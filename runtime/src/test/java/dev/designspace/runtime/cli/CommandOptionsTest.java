package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.runtime.convtuning.FormulationChoice;
import dev.designspace.runtime.data.Batches;
import dev.designspace.runtime.sweep.TinySpec;
import dev.designspace.runtime.train.Recipe;
import dev.designspace.runtime.train.TrainOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Typed options as users meet them: one declaration of the training options, enums, the device. */
class CommandOptionsTest {
  @TempDir static Path dir;
  static String spec;

  @BeforeAll
  static void writeSpec() throws IOException {
    spec = TinySpec.write(dir, "TinyOptions").toString();
  }

  private static <T> T parsed(T command, String... args) {
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void theCommandsThatTrainDeclareEveryTrainingOption() {
    CommandLine root = DesignspaceMain.newCommandLine();
    CommandSpec train = root.getSubcommands().get("train").getCommandSpec();
    // the training options as their one declaration (train's mixin) has them, and the two that
    // each command declares itself
    assertThat(train.mixins()).containsKey("training");
    List<String> trainingOptions = new ArrayList<>(names(train.mixins().get("training")));
    trainingOptions.addAll(List.of("--epochs", "--dataset"));
    assertThat(trainingOptions).contains("--lr", "--device", "--conv-impl", "--grappler");
    for (String name : List.of("train", "sweep", "study", "compare")) {
      CommandSpec command = root.getSubcommands().get(name).getCommandSpec();
      assertThat(names(command)).as(name).containsAll(trainingOptions);
    }
  }

  @Test
  void everyOptionOfEveryCommandHasAKebabCaseNameAndADescription() {
    Map<String, CommandSpec> commands = new LinkedHashMap<>();
    addWithSubcommands(DesignspaceMain.newCommandLine(), commands);
    // the walk reaches the generator's commands and nested ones
    assertThat(commands).containsKeys("designspace gen", "designspace train");
    assertThat(commands).containsKeys("designspace sweep status");
    List<String> problems = new ArrayList<>();
    for (CommandSpec command : commands.values()) {
      for (OptionSpec option : command.options()) {
        String where = command.qualifiedName() + " " + option.longestName();
        if (String.join(" ", option.description()).isBlank()) {
          problems.add(where + ": no description");
        }
        for (String name : option.names()) {
          if (!name.matches("-[a-zA-Z]|--[a-z0-9]+(-[a-z0-9]+)*")) {
            problems.add(where + ": not a kebab-case name: " + name);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** Every name of every option {@code command} declares. */
  private static List<String> names(CommandSpec command) {
    return command.options().stream().flatMap(o -> Stream.of(o.names())).toList();
  }

  /** {@code commandLine} and all its subcommands, by qualified name (aliases once). */
  private static void addWithSubcommands(CommandLine commandLine, Map<String, CommandSpec> found) {
    CommandSpec command = commandLine.getCommandSpec();
    if (found.putIfAbsent(command.qualifiedName(), command) == null) {
      commandLine.getSubcommands().values().forEach(sub -> addWithSubcommands(sub, found));
    }
  }

  @Test
  void trainBuildsItsOptionsFromTheTypedValues() {
    TrainCommand train =
        parsed(
            new TrainCommand(),
            spec,
            "--augment",
            "flip",
            "--recipe",
            "paper",
            "--device",
            "gpu:1",
            "--lr",
            "0.2",
            "--batch-size",
            "64",
            "--decay-all");
    TrainOptions options = train.training.trainOptions(3, 2);
    assertThat(options.augmentation()).isEqualTo(Batches.Augmentation.FLIP);
    assertThat(options.recipe()).isEqualTo(Recipe.PAPER);
    assertThat(options.device()).isEqualTo("gpu:1");
    assertThat(options.baseLr()).isEqualTo(0.2);
    assertThat(options.batchSize()).isEqualTo(64);
    assertThat(options.decayAll()).isTrue();

    TrainOptions defaults = parsed(new TrainCommand(), spec).training.trainOptions(3, 2);
    assertThat(defaults.augmentation()).isEqualTo(Batches.Augmentation.CROP_FLIP);
    assertThat(defaults.recipe()).isEqualTo(Recipe.PROXY);
    assertThat(defaults.device()).isEqualTo("cpu");
  }

  @Test
  void workersGetExactlyTheTrainingOptionsGivenInTrainsSpelling() {
    SweepCommand sweep =
        parsed(
            new SweepCommand(),
            spec,
            "--augment",
            "crop-flip",
            "--lr",
            "0.05",
            "--device",
            "gpu:0",
            "--decay-all",
            "--train-limit",
            "100");
    assertThat(sweep.training.workerArguments())
        .containsExactly(
            "--lr",
            "0.05",
            "--decay-all",
            "--augment",
            "crop-flip",
            "--device",
            "gpu:0",
            "--train-limit",
            "100");
    assertThat(parsed(new SweepCommand(), spec).training.workerArguments()).isEmpty();
    // what the workers get parses back to the same options
    TrainCommand worker =
        parsed(new TrainCommand(), concat(spec, sweep.training.workerArguments()));
    assertThat(worker.training.trainOptions(1, 1)).isEqualTo(sweep.training.trainOptions(1, 1));
  }

  private static String[] concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all.toArray(String[]::new);
  }

  @Test
  void invalidEnumAndDeviceValuesAreUsageErrorsNamingTheValidOnes() {
    CliRun augment = CliRun.of("train", spec, "--augment", "rotate");
    assertThat(augment.exitCode()).isEqualTo(2);
    assertThat(augment.err())
        .contains("augmentation must be none, flip or crop-flip, got 'rotate'")
        .doesNotContain("\tat ");
    CliRun device = CliRun.of("sweep", spec, "--device", "gpu");
    assertThat(device.exitCode()).isEqualTo(2);
    assertThat(device.err()).contains("device must be cpu or gpu:N").contains("got 'gpu'");
    CliRun bench = CliRun.of("bench", "memory");
    assertThat(bench.exitCode()).isEqualTo(2);
    assertThat(bench.err()).contains("bench takes training or sweep, got 'memory'");
  }

  @Test
  void helpListsTheValidValues() {
    CliRun sweepHelp = CliRun.of("sweep", "--help");
    assertThat(sweepHelp.out())
        .contains("local, slurm")
        .contains("none, flip, crop-flip")
        .contains("proxy, paper");
    CliRun benchHelp = CliRun.of("bench", "--help");
    assertThat(benchHelp.out())
        .contains("What to measure: training, sweep.")
        .doesNotContain("sweep, worker");
  }

  @Test
  void convImplIsATrainingOptionPassedToWorkersAndCheckedWhenRead() {
    assertThat(parsed(new TrainCommand(), spec).training.trainOptions(1, 1).convImpl())
        .isEqualTo(FormulationChoice.GROUPED);
    SweepCommand sweep = parsed(new SweepCommand(), spec, "--conv-impl", "auto");
    assertThat(sweep.training.trainOptions(1, 1).convImpl()).isEqualTo(FormulationChoice.AUTO);
    assertThat(sweep.training.workerArguments()).containsExactly("--conv-impl", "auto");
    TrainCommand worker =
        parsed(new TrainCommand(), concat(spec, sweep.training.workerArguments()));
    assertThat(worker.training.trainOptions(1, 1).convImpl()).isEqualTo(FormulationChoice.AUTO);
    assertThat(new CommandLine(new StudyCommand()).getCommandSpec().findOption("--conv-impl"))
        .isNotNull();

    CliRun wrong = CliRun.of("train", spec, "--conv-impl", "winograd");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err())
        .contains("expected auto, grouped, depthwise, split or blockdiag")
        .contains("'winograd'")
        .doesNotContain("\tat ");
    assertThat(CliRun.of("train", "--help").out().replaceAll("\\s+", " "))
        .contains("auto, grouped, depthwise, split, blockdiag");
  }

  @Test
  void sweepStatusIsASubcommandAndTheOldOptionStillWorks() throws Exception {
    Path out = dir.resolve("status");
    CliRun dry =
        CliRun.of(
            "sweep", spec, "-n", "2", "--launcher", "slurm", "--dry-run", "--out", out.toString());
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    CliRun status = CliRun.of("sweep", "status", out.toString());
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).startsWith(out + ": 2 models: done 0, failed 0, diverged 0");
    CliRun alias = CliRun.of("sweep", out.toString(), "--status");
    assertThat(alias.exitCode()).isZero();
    assertThat(alias.out()).isEqualTo(status.out());

    CliRun missing = CliRun.of("sweep", "status", dir.resolve("nowhere").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("sweep status reads a sweep directory");
    CliRun noSpec = CliRun.of("sweep");
    assertThat(noSpec.exitCode()).isEqualTo(2);
    assertThat(noSpec.err()).contains("Missing required parameter: 'SPEC'");
  }
}
