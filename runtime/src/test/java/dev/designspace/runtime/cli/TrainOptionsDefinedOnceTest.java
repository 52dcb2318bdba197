package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.runfiles.TrainOptionField;
import dev.designspace.runtime.train.TrainOptions;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The training options are written once: every field of {@link TrainOptions} has a {@link
 * TrainOptionField}, the command line takes its defaults from {@link TrainOptions#DEFAULTS}, and a
 * sweep hands every option a user gave to its workers' {@code train} unchanged.
 */
class TrainOptionsDefinedOnceTest {
  /**
   * A value other than the default for every training option of the command line. An option added
   * to the mixin without a value here fails {@link #everyOptionReachesTheWorkers}.
   */
  private static final Map<String, List<String>> GIVEN = given();

  private static Map<String, List<String>> given() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("--batch-size", List.of("64"));
    m.put("--lr", List.of("0.25"));
    m.put("--weight-decay", List.of("0.0001"));
    m.put("--decay-all", List.of());
    m.put("--label-smoothing", List.of("0.1"));
    m.put("--warmup-epochs", List.of("0.5"));
    m.put("--recipe", List.of("paper"));
    m.put("--augment", List.of("flip"));
    m.put("--train-seed", List.of("7"));
    m.put("--device", List.of("gpu:1"));
    m.put("--train-limit", List.of("100"));
    m.put("--test-limit", List.of("50"));
    m.put("--conv-impl", List.of("split"));
    m.put("--grappler", List.of("on"));
    return m;
  }

  @Test
  void everyFieldOfTheRecordHasAFieldName() {
    List<String> components =
        Arrays.stream(TrainOptions.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList();
    List<String> keys =
        Arrays.stream(TrainOptionField.values()).map(TrainOptionField::key).toList();
    assertThat(keys).containsExactlyInAnyOrderElementsOf(components);
  }

  @Test
  void theCommandLineDefaultsAreTheRecordsDefaults() {
    TrainCommand train = parse("train", "spec.yaml");
    TrainOptions d = TrainOptions.DEFAULTS;
    assertThat(train.training.trainOptions(d.epochs(), d.threads())).isEqualTo(d);
    // and the help shows them
    CommandLine cli = DesignspaceMain.newCommandLine();
    String usage = cli.getSubcommands().get("train").getUsageMessage();
    assertThat(usage).contains("(default: 128)").contains("(default: crop-flip)");
  }

  @Test
  void everyOptionReachesTheWorkers() {
    List<String> args = new ArrayList<>(List.of("sweep", "spec.yaml"));
    GIVEN.forEach(
        (option, values) -> {
          args.add(option);
          args.addAll(values);
        });
    SweepCommand sweep = parse(args.toArray(String[]::new));
    List<String> declared = sweep.training.options().stream().map(OptionSpec::longestName).toList();
    assertThat(declared)
        .as("every training option needs a test value in GIVEN")
        .containsExactlyInAnyOrderElementsOf(GIVEN.keySet());

    List<String> workerArgs = sweep.training.workerArguments();
    List<String> trainArgs = new ArrayList<>(List.of("train", "spec.yaml"));
    trainArgs.addAll(workerArgs);
    TrainCommand worker = parse(trainArgs.toArray(String[]::new));
    TrainOptions fromSweep = sweep.training.trainOptions(3, 1);
    TrainOptions inWorker = worker.training.trainOptions(3, 1);
    assertThat(inWorker).isEqualTo(fromSweep);
    for (String option : GIVEN.keySet()) {
      TrainOptionField field = TrainOptionField.byOption(option).orElseThrow();
      assertThat(inWorker.get(field))
          .as("%s given on the command line", option)
          .isNotEqualTo(TrainOptions.DEFAULTS.get(field));
    }
  }

  @Test
  void aSweepWithoutTrainingOptionsGivesItsWorkersNone() {
    SweepCommand sweep = parse("sweep", "spec.yaml");
    assertThat(sweep.training.workerArguments()).isEmpty();
  }

  @Test
  void copiesChangeOnlyWhatTheyName() {
    TrainOptions changed = TrainOptions.DEFAULTS.withTrainSeed(9).withLimits(10, 20);
    for (TrainOptionField f : TrainOptionField.values()) {
      Object expected =
          switch (f) {
            case TRAIN_SEED -> 9L;
            case TRAIN_LIMIT -> 10;
            case TEST_LIMIT -> 20;
            default -> TrainOptions.DEFAULTS.get(f);
          };
      assertThat(changed.get(f)).as(f.key()).isEqualTo(expected);
    }
  }

  @Test
  void runFilesFromBeforeTheRenameReadWithTodaysKeys() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode old = json.readTree("{\"epochs\": 2, \"seed\": 5, \"threads\": 1}");
    JsonNode current = TrainOptionField.current(old);
    assertThat(current.path("trainSeed").asLong()).isEqualTo(5);
    assertThat(current.has("seed")).isFalse();
    assertThat(current.path("epochs").asInt()).isEqualTo(2);
    JsonNode today = json.readTree("{\"trainSeed\": 3}");
    assertThat(TrainOptionField.current(today)).isSameAs(today);
  }

  @SuppressWarnings("unchecked")
  private static <T> T parse(String... args) {
    CommandLine cli = DesignspaceMain.newCommandLine();
    CommandLine.ParseResult result = cli.parseArgs(args);
    return (T) result.subcommand().commandSpec().userObject();
  }
}
