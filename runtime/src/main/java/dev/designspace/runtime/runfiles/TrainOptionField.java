package dev.designspace.runtime.runfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every field of {@link dev.designspace.runtime.train.TrainOptions}, with the names it goes by: its
 * key in {@code result.json} and {@code designspace-model.json} (the record component's name), its
 * command-line option (absent for the fields no command sets), how reports call it, and whether it
 * changes what is trained. The command line, the workers' arguments, resume checks and the report's
 * settings table all read this one list; a test keeps it equal to the record's components.
 */
public enum TrainOptionField {
  EPOCHS("epochs", "--epochs", "epochs", true),
  BASE_LR("baseLr", "--lr", "lr", true),
  BATCH_SIZE("batchSize", "--batch-size", "batch size", true),
  WEIGHT_DECAY("weightDecay", "--weight-decay", "weight decay", true),
  MOMENTUM("momentum", null, "momentum", true),
  DECAY_ALL("decayAll", "--decay-all", "decay all", true),
  LABEL_SMOOTHING("labelSmoothing", "--label-smoothing", "label smoothing", true),
  WARMUP_EPOCHS("warmupEpochs", "--warmup-epochs", "warmup epochs", true),
  WARMUP_FACTOR("warmupFactor", null, "warmup factor", true),
  RECIPE("recipe", "--recipe", "recipe", true),
  AUGMENTATION("augmentation", "--augment", "augment", true),
  TRAIN_SEED("trainSeed", "--train-seed", "train seed", true),
  TRAIN_LIMIT("trainLimit", "--train-limit", "train limit", true),
  TEST_LIMIT("testLimit", "--test-limit", "test limit", true),
  THREADS("threads", "--threads", "threads", false),
  DEVICE("device", "--device", "device", false),
  EVAL_BATCH_SIZE("evalBatchSize", null, "eval batch size", false),
  CONV_IMPL("convImpl", "--conv-impl", "conv impl", false),
  GRAPPLER("grappler", "--grappler", "grappler", false);

  /** The key the training seed had in run files written before it was called trainSeed. */
  private static final String OLD_TRAIN_SEED = "seed";

  private final String key;
  private final String option;
  private final String label;
  private final boolean changesTraining;

  TrainOptionField(String key, String option, String label, boolean changesTraining) {
    this.key = key;
    this.option = option;
    this.label = label;
    this.changesTraining = changesTraining;
  }

  /**
   * The key in run files: the {@link dev.designspace.runtime.train.TrainOptions} component of the
   * same name.
   */
  public String key() {
    return key;
  }

  /** The command-line option that sets it; empty for a field no command sets. */
  public Optional<String> option() {
    return Optional.ofNullable(option);
  }

  /** How reports name it, e.g. {@code batch size}. */
  public String label() {
    return label;
  }

  /**
   * Whether another value trains another model: threads, the device, the convolution formulation,
   * the graph optimiser and the evaluation batch only change how fast (and at most the last float
   * bits), so a run may resume with others and a report does not tell sweeps apart by them.
   */
  public boolean changesTraining() {
    return changesTraining;
  }

  public static Optional<TrainOptionField> byKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }

  public static Optional<TrainOptionField> byOption(String option) {
    return Arrays.stream(values()).filter(f -> option.equals(f.option)).findFirst();
  }

  /**
   * Training options as a run file stores them, with the keys of older files renamed to today's
   * ({@code seed} to {@code trainSeed}); a copy, or {@code options} itself when nothing changes.
   */
  public static JsonNode current(JsonNode options) {
    if (!(options instanceof ObjectNode object)
        || !object.has(OLD_TRAIN_SEED)
        || object.has(TRAIN_SEED.key)) {
      return options;
    }
    ObjectNode renamed = object.objectNode();
    object
        .fields()
        .forEachRemaining(
            f ->
                renamed.set(
                    f.getKey().equals(OLD_TRAIN_SEED) ? TRAIN_SEED.key : f.getKey(), f.getValue()));
    return renamed;
  }
}
