package dev.designspace.runtime.cli;

import dev.designspace.runtime.convtuning.FormulationChoice;
import dev.designspace.runtime.data.Batches;
import dev.designspace.runtime.runfiles.TrainOptionField;
import dev.designspace.runtime.train.Grappler;
import dev.designspace.runtime.train.Recipe;
import dev.designspace.runtime.train.TrainOptions;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The training options shared by {@code train} and the commands that train many models ({@code
 * sweep}, {@code study}, {@code compare}), declared once. Their defaults are {@link
 * TrainOptions#DEFAULTS}: the fields start from them, and {@link Defaults} shows them in help as a
 * user writes them; {@code train} builds its {@link TrainOptions} from the fields; the others hand
 * the options a user gave, as given, to every worker's {@code train}.
 */
final class TrainOptionsMixin {
  /** The command this mixin is part of, to tell options given from defaults. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--batch-size",
      paramLabel = "B",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize = TrainOptions.DEFAULTS.batchSize();

  @Option(
      names = "--lr",
      paramLabel = "LR",
      description =
          "Learning rate per 128 images; scaled by batch/128 (default: ${DEFAULT-VALUE}).")
  double lr = TrainOptions.DEFAULTS.baseLr();

  @Option(
      names = "--weight-decay",
      paramLabel = "WD",
      description = "Weight decay on kernels (default: ${DEFAULT-VALUE}).")
  double weightDecay = TrainOptions.DEFAULTS.weightDecay();

  @Option(names = "--decay-all", description = "Also decay BN parameters and biases.")
  boolean decayAll = TrainOptions.DEFAULTS.decayAll();

  @Option(
      names = "--label-smoothing",
      paramLabel = "LS",
      description = "Label smoothing (default: ${DEFAULT-VALUE}).")
  double labelSmoothing = TrainOptions.DEFAULTS.labelSmoothing();

  @Option(
      names = "--warmup-epochs",
      paramLabel = "W",
      description = "Linear warmup epochs (default: the recipe's).")
  double warmupEpochs = TrainOptions.DEFAULTS.warmupEpochs();

  @Option(
      names = "--recipe",
      paramLabel = "R",
      converter = OptionValues.Recipes.class,
      completionCandidates = OptionValues.Recipes.class,
      description =
          "${COMPLETION-CANDIDATES}. proxy: the paper's recipe with the gradients clipped to a"
              + " global norm of 5 and a warmup of at least half an epoch, so that short runs do"
              + " not blow up in their first steps; paper: the paper's recipe as it is (default:"
              + " ${DEFAULT-VALUE}).")
  Recipe recipe = TrainOptions.DEFAULTS.recipe();

  @Option(
      names = "--augment",
      paramLabel = "A",
      converter = OptionValues.Augmentations.class,
      completionCandidates = OptionValues.Augmentations.class,
      description = "Training augmentation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Batches.Augmentation augment = TrainOptions.DEFAULTS.augmentation();

  @Option(
      names = "--train-seed",
      paramLabel = "S",
      description =
          "Seed of initialisation, shuffling and augmentation (default: ${DEFAULT-VALUE}).")
  long trainSeed = TrainOptions.DEFAULTS.trainSeed();

  @Option(
      names = "--device",
      paramLabel = "cpu|gpu:N",
      converter = OptionValues.Device.class,
      description = "Where to train (default: ${DEFAULT-VALUE}).")
  String device = TrainOptions.DEFAULTS.device();

  @Option(
      names = "--train-limit",
      paramLabel = "N",
      description = "Use only the first N training images (0: all).")
  int trainLimit = TrainOptions.DEFAULTS.trainLimit();

  @Option(
      names = "--test-limit",
      paramLabel = "N",
      description = "Use only the first N test images (0: all).")
  int testLimit = TrainOptions.DEFAULTS.testLimit();

  @Option(
      names = "--conv-impl",
      paramLabel = "I",
      converter = OptionValues.FormulationChoices.class,
      completionCandidates = OptionValues.FormulationChoices.class,
      description =
          "How grouped convolutions are built: ${COMPLETION-CANDIDATES}. auto times the"
              + " formulations of each layer shape once on this machine and caches the fastest;"
              + " the weights are the same whichever (default: ${DEFAULT-VALUE}).")
  FormulationChoice convImpl = TrainOptions.DEFAULTS.convImpl();

  @Option(
      names = "--grappler",
      paramLabel = "G",
      converter = OptionValues.Grapplers.class,
      completionCandidates = OptionValues.Grapplers.class,
      description =
          "Whether TensorFlow's graph optimiser rewrites the graph before the first step:"
              + " ${COMPLETION-CANDIDATES}. auto turns it off on a CPU, where it costs seconds per"
              + " model and gains nothing per step, and on for a GPU (default: ${DEFAULT-VALUE}).")
  Grappler grappler = TrainOptions.DEFAULTS.grappler();

  /** Whether the user gave {@code option} (rather than its default applying). */
  boolean given(String option) {
    return mixee.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** The options of one training run; {@code threads} 0 uses every core. */
  TrainOptions trainOptions(int epochs, int threads) {
    TrainOptions d = TrainOptions.DEFAULTS;
    return new TrainOptions(
        epochs,
        batchSize,
        lr,
        d.momentum(),
        weightDecay,
        decayAll,
        labelSmoothing,
        warmupEpochs,
        d.warmupFactor(),
        trainSeed,
        threads,
        device,
        d.evalBatchSize(),
        trainLimit,
        testLimit,
        augment,
        recipe,
        convImpl,
        grappler);
  }

  /**
   * The options the user gave, as arguments of a worker's {@code train}: every option this mixin
   * declares that the command line matched, as the user wrote it, so that a new option reaches the
   * workers without being listed here.
   */
  List<String> workerArguments() {
    List<String> args = new ArrayList<>();
    for (OptionSpec option : options()) {
      OptionSpec matched = mixee.commandLine().getParseResult().matchedOption(option.longestName());
      if (matched == null) {
        continue;
      }
      if (option.arity().max() == 0) {
        args.add(option.longestName());
      } else {
        for (String value : matched.originalStringValues()) {
          args.add(option.longestName());
          args.add(value);
        }
      }
    }
    return args;
  }

  /**
   * A worker's {@code train} arguments: the epochs and dataset the command trains with, then the
   * options the user gave.
   */
  List<String> workerArguments(int epochs, String dataset) {
    List<String> args =
        new ArrayList<>(List.of("--epochs", String.valueOf(epochs), "--dataset", dataset));
    args.addAll(workerArguments());
    return args;
  }

  /** The options this mixin declares, as the command it is part of parsed them. */
  List<OptionSpec> options() {
    return mixee.options().stream().filter(TrainOptionsMixin::declaredHere).toList();
  }

  private static boolean declaredHere(ArgSpec arg) {
    return arg.userObject() instanceof Field field
        && field.getDeclaringClass() == TrainOptionsMixin.class;
  }

  /**
   * The defaults of this mixin's options, taken from {@link TrainOptions#DEFAULTS} (the one place
   * they are written); other options keep their own.
   */
  static final class Defaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
      if (!(arg instanceof OptionSpec option) || !declaredHere(arg)) {
        return null;
      }
      TrainOptionField field =
          TrainOptionField.byOption(option.longestName())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          option.longestName() + " is not a TrainOptionField's option"));
      return shown(TrainOptions.DEFAULTS.get(field));
    }

    /** As a user writes it: 0.00005 not 5.0E-5, crop-flip not CROP_FLIP. */
    static String shown(Object value) {
      if (value instanceof Double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
      }
      if (value instanceof Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
      }
      return String.valueOf(value);
    }
  }
}
