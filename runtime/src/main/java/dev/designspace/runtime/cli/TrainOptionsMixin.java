package dev.designspace.runtime.cli;

import dev.designspace.runtime.convimpl.ConvImpl;
import dev.designspace.runtime.data.Batches;
import dev.designspace.runtime.train.Grappler;
import dev.designspace.runtime.train.Recipe;
import dev.designspace.runtime.train.TrainOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The training options shared by {@code train} and the commands that train many models ({@code
 * sweep}, {@code study}), declared once. {@code train} builds its {@link TrainOptions} from them;
 * the others hand the options a user gave to every worker's {@code train}, so that the defaults
 * stay train's.
 */
final class TrainOptionsMixin {
  /** The command this mixin is part of, to tell options given from defaults. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--batch-size",
      paramLabel = "B",
      defaultValue = "128",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--lr",
      paramLabel = "LR",
      defaultValue = "0.1",
      description =
          "Learning rate per 128 images; scaled by batch/128 (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--weight-decay",
      paramLabel = "WD",
      defaultValue = "5e-5",
      description = "Weight decay on kernels (default: ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(names = "--decay-all", description = "Also decay BN parameters and biases.")
  boolean decayAll;

  @Option(
      names = "--label-smoothing",
      paramLabel = "LS",
      defaultValue = "0",
      description = "Label smoothing (default: ${DEFAULT-VALUE}).")
  double labelSmoothing;

  @Option(
      names = "--warmup-epochs",
      paramLabel = "W",
      defaultValue = "-1",
      description = "Linear warmup epochs (default: the recipe's).")
  double warmupEpochs;

  @Option(
      names = "--recipe",
      paramLabel = "R",
      defaultValue = "proxy",
      converter = OptionValues.Recipes.class,
      completionCandidates = OptionValues.Recipes.class,
      description =
          "${COMPLETION-CANDIDATES}. proxy: the paper's recipe with the gradients clipped to a"
              + " global norm of 5 and a warmup of at least half an epoch, so that short runs do"
              + " not blow up in their first steps; paper: the paper's recipe as it is (default:"
              + " ${DEFAULT-VALUE}).")
  Recipe recipe;

  @Option(
      names = "--augment",
      paramLabel = "A",
      defaultValue = "crop-flip",
      converter = OptionValues.Augmentations.class,
      completionCandidates = OptionValues.Augmentations.class,
      description = "Training augmentation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Batches.Augmentation augment;

  @Option(
      names = "--train-seed",
      paramLabel = "S",
      defaultValue = "0",
      description =
          "Seed of initialisation, shuffling and augmentation (default: ${DEFAULT-VALUE}).")
  long trainSeed;

  @Option(
      names = "--device",
      paramLabel = "cpu|gpu:N",
      defaultValue = "cpu",
      converter = OptionValues.Device.class,
      description = "Where to train (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--train-limit",
      paramLabel = "N",
      defaultValue = "0",
      description = "Use only the first N training images (0: all).")
  int trainLimit;

  @Option(
      names = "--test-limit",
      paramLabel = "N",
      defaultValue = "0",
      description = "Use only the first N test images (0: all).")
  int testLimit;

  @Option(
      names = "--conv-impl",
      paramLabel = "I",
      defaultValue = "grouped",
      converter = OptionValues.ConvImpls.class,
      completionCandidates = OptionValues.ConvImpls.class,
      description =
          "How grouped convolutions are built: ${COMPLETION-CANDIDATES}. auto times the"
              + " formulations of each layer shape once on this machine and caches the fastest;"
              + " the weights are the same whichever (default: ${DEFAULT-VALUE}).")
  ConvImpl convImpl;

  @Option(
      names = "--grappler",
      paramLabel = "G",
      defaultValue = "auto",
      converter = OptionValues.Grapplers.class,
      completionCandidates = OptionValues.Grapplers.class,
      description =
          "Whether TensorFlow's graph optimiser rewrites the graph before the first step:"
              + " ${COMPLETION-CANDIDATES}. auto turns it off on a CPU, where it costs seconds per"
              + " model and gains nothing per step, and on for a GPU (default: ${DEFAULT-VALUE}).")
  Grappler grappler;

  /** Whether the user gave {@code option} (rather than its default applying). */
  boolean given(String option) {
    return mixee.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** The options of one training run; {@code threads} 0 uses every core. */
  TrainOptions trainOptions(int epochs, int threads) {
    return new TrainOptions(
        epochs,
        batchSize,
        lr,
        0.9,
        weightDecay,
        decayAll,
        labelSmoothing,
        warmupEpochs,
        0.1,
        trainSeed,
        threads,
        device,
        500,
        trainLimit,
        testLimit,
        augment,
        recipe,
        convImpl,
        grappler);
  }

  /** The options the user gave, as arguments of a worker's {@code train}. */
  List<String> workerArguments() {
    List<String> args = new ArrayList<>();
    addIfGiven(args, "--batch-size", String.valueOf(batchSize));
    addIfGiven(args, "--lr", String.valueOf(lr));
    addIfGiven(args, "--augment", augment.specName());
    addIfGiven(args, "--recipe", recipe.specName());
    addIfGiven(args, "--train-limit", String.valueOf(trainLimit));
    addIfGiven(args, "--test-limit", String.valueOf(testLimit));
    addIfGiven(args, "--weight-decay", String.valueOf(weightDecay));
    addIfGiven(args, "--label-smoothing", String.valueOf(labelSmoothing));
    addIfGiven(args, "--warmup-epochs", String.valueOf(warmupEpochs));
    addIfGiven(args, "--train-seed", String.valueOf(trainSeed));
    addIfGiven(args, "--device", device);
    addIfGiven(args, "--conv-impl", convImpl.cliName());
    addIfGiven(args, "--grappler", grappler.cliName());
    if (decayAll) {
      args.add("--decay-all");
    }
    return args;
  }

  private void addIfGiven(List<String> args, String option, String value) {
    if (given(option)) {
      args.add(option);
      args.add(value);
    }
  }
}
