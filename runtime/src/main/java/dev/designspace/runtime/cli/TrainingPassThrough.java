package dev.designspace.runtime.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The training options that commands running many models (sweep, study) hand to every model's
 * {@code train}. Unset options are left out, so train's own defaults apply.
 */
final class TrainingPassThrough {
  @Option(names = "--batch-size", paramLabel = "B", description = "Batch size (train's default: 128).")
  Integer batchSize;

  @Option(names = "--lr", paramLabel = "LR", description = "Learning rate per 128 images (train's default: 0.1).")
  Double lr;

  @Option(names = "--recipe", paramLabel = "R",
      description = "proxy (train's default) or paper; see train --help.")
  String recipe;

  @Option(names = "--augment", paramLabel = "A", description = "none, flip or crop-flip (train's default).")
  String augment;

  @Option(names = "--train-limit", paramLabel = "N", description = "Use only the first N training images.")
  Integer trainLimit;

  @Option(names = "--test-limit", paramLabel = "N", description = "Use only the first N test images.")
  Integer testLimit;

  @Option(names = "--weight-decay", paramLabel = "WD", description = "On kernels (train's default: 5e-5).")
  Double weightDecay;

  @Option(names = "--decay-all", description = "Also decay BN parameters and biases.")
  boolean decayAll;

  @Option(names = "--label-smoothing", paramLabel = "LS", description = "Label smoothing (train's default: 0).")
  Double labelSmoothing;

  @Option(names = "--warmup-epochs", paramLabel = "W", description = "Linear warmup epochs (default: the recipe's).")
  Double warmupEpochs;

  @Option(names = "--train-seed", paramLabel = "S",
      description = "Seed of initialisation, shuffling and augmentation (train's default: 0).")
  Long trainSeed;

  @Option(names = "--device", paramLabel = "cpu|gpu:N", description = "Where to train (train's default: cpu).")
  String device;

  /** The options that were given, as train arguments. */
  List<String> arguments() {
    List<String> args = new ArrayList<>();
    add(args, "--batch-size", batchSize);
    add(args, "--lr", lr);
    add(args, "--augment", augment);
    add(args, "--recipe", recipe);
    add(args, "--train-limit", trainLimit);
    add(args, "--test-limit", testLimit);
    add(args, "--weight-decay", weightDecay);
    add(args, "--label-smoothing", labelSmoothing);
    add(args, "--warmup-epochs", warmupEpochs);
    add(args, "--train-seed", trainSeed);
    add(args, "--device", device);
    if (decayAll) {
      args.add("--decay-all");
    }
    return args;
  }

  private static void add(List<String> args, String option, Object value) {
    if (value != null) {
      args.add(option);
      args.add(String.valueOf(value));
    }
  }
}
