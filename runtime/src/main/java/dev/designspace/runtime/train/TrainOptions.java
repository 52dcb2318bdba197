package dev.designspace.runtime.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.command.BadInputException;
import dev.designspace.runtime.convtuning.FormulationChoice;
import dev.designspace.runtime.data.Batches;
import dev.designspace.runtime.runfiles.TrainOptionField;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * How to train (see docs/training.md). The defaults are {@link #DEFAULTS}, the one place they are
 * written: the command line shows and uses them. {@link TrainOptionField} names every field.
 *
 * @param baseLr learning rate per 128 images; the rate used is baseLr * batchSize / 128
 * @param weightDecay L2 on conv and dense kernels (added to their gradients, as PyTorch's SGD does)
 * @param decayAll also decay BN gamma/beta and biases (pycls at HEAD does)
 * @param warmupEpochs linear warmup length in epochs (fractional), from warmupFactor to 1
 * @param trainSeed seeds initialisation, shuffling and augmentation (not the sampling seed)
 * @param threads intra-op threads (0: TensorFlow's default); inter-op threads are 1
 * @param device {@code cpu} or {@code gpu:N}
 * @param recipe gradient clipping and the default warmup; see {@link Recipe}
 * @param convImpl how grouped convolutions are formulated in the graph (same variables whichever)
 * @param grappler whether TensorFlow's graph optimiser rewrites the graph first (same math)
 */
public record TrainOptions(
    int epochs,
    int batchSize,
    double baseLr,
    double momentum,
    double weightDecay,
    boolean decayAll,
    double labelSmoothing,
    double warmupEpochs,
    double warmupFactor,
    long trainSeed,
    int threads,
    String device,
    int evalBatchSize,
    int trainLimit,
    int testLimit,
    Batches.Augmentation augmentation,
    Recipe recipe,
    FormulationChoice convImpl,
    Grappler grappler) {

  public static final TrainOptions DEFAULTS =
      new TrainOptions(
          10,
          128,
          0.1,
          0.9,
          5e-5,
          false,
          0.0,
          -1,
          0.1,
          0,
          0,
          "cpu",
          500,
          0,
          0,
          Batches.Augmentation.CROP_FLIP,
          Recipe.PROXY,
          FormulationChoice.GROUPED,
          Grappler.AUTO);

  private static final ObjectMapper JSON = new ObjectMapper();

  public TrainOptions {
    if (epochs < 1) {
      throw new BadInputException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new BadInputException("batch size must be >= 1, got " + batchSize);
    }
    if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
      throw new BadInputException("learning rate must be > 0, got " + baseLr);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new BadInputException("momentum must be in [0, 1), got " + momentum);
    }
    if (!(weightDecay >= 0)) {
      throw new BadInputException("weight decay must be >= 0, got " + weightDecay);
    }
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new BadInputException("label smoothing must be in [0, 1), got " + labelSmoothing);
    }
    if (threads < 0) {
      throw new BadInputException("threads must be >= 0, got " + threads);
    }
    if (!device.equals("cpu") && !device.matches("gpu:\\d+")) {
      throw new BadInputException("device must be cpu or gpu:N, got '" + device + "'");
    }
    if (recipe == null) {
      throw new BadInputException("a recipe is required");
    }
    if (evalBatchSize < 1 || trainLimit < 0 || testLimit < 0) {
      throw new BadInputException("eval batch size >= 1 and limits >= 0");
    }
    if (convImpl == null) {
      throw new BadInputException("a convolution implementation is required");
    }
    if (grappler == null) {
      throw new BadInputException("a grappler setting is required");
    }
  }

  /** As run files record it: one key per {@link TrainOptionField}, enums by their names. */
  public JsonNode toJson() {
    return JSON.valueToTree(this);
  }

  /** The learning rate actually used at full strength. */
  public double learningRate() {
    return baseLr * batchSize / 128.0;
  }

  /** Warmup in epochs: as set, or the recipe's default when negative. */
  public double effectiveWarmupEpochs() {
    return warmupEpochs >= 0 ? warmupEpochs : recipe.defaultWarmupEpochs(epochs);
  }

  public TrainOptions withRecipe(Recipe value) {
    return with(Map.of(TrainOptionField.RECIPE, value));
  }

  public TrainOptions withEpochs(int value) {
    return with(Map.of(TrainOptionField.EPOCHS, value));
  }

  public TrainOptions withBatchSize(int value) {
    return with(Map.of(TrainOptionField.BATCH_SIZE, value));
  }

  public TrainOptions withBaseLr(double value) {
    return with(Map.of(TrainOptionField.BASE_LR, value));
  }

  public TrainOptions withTrainSeed(long value) {
    return with(Map.of(TrainOptionField.TRAIN_SEED, value));
  }

  public TrainOptions withThreads(int value) {
    return with(Map.of(TrainOptionField.THREADS, value));
  }

  public TrainOptions withLimits(int train, int test) {
    return with(Map.of(TrainOptionField.TRAIN_LIMIT, train, TrainOptionField.TEST_LIMIT, test));
  }

  public TrainOptions withRegularisation(double decay, boolean all, double smoothing) {
    return with(
        Map.of(
            TrainOptionField.WEIGHT_DECAY,
            decay,
            TrainOptionField.DECAY_ALL,
            all,
            TrainOptionField.LABEL_SMOOTHING,
            smoothing));
  }

  public TrainOptions withDevice(String value) {
    return with(Map.of(TrainOptionField.DEVICE, value));
  }

  public TrainOptions withAugmentation(Batches.Augmentation value) {
    return with(Map.of(TrainOptionField.AUGMENTATION, value));
  }

  public TrainOptions withWarmup(double epochsOfWarmup, double factor) {
    return with(
        Map.of(
            TrainOptionField.WARMUP_EPOCHS,
            epochsOfWarmup,
            TrainOptionField.WARMUP_FACTOR,
            factor));
  }

  public TrainOptions withConvImpl(FormulationChoice value) {
    return with(Map.of(TrainOptionField.CONV_IMPL, value));
  }

  public TrainOptions withGrappler(Grappler value) {
    return with(Map.of(TrainOptionField.GRAPPLER, value));
  }

  /** The value of {@code field}. */
  public Object get(TrainOptionField field) {
    try {
      return component(field).getAccessor().invoke(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + field.key(), e);
    }
  }

  /**
   * A copy with {@code changes}, validated like any new options. The copy goes through the record's
   * components, so that a new field cannot be left out of it.
   */
  public TrainOptions with(Map<TrainOptionField, ?> changes) {
    RecordComponent[] components = TrainOptions.class.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      TrainOptionField field =
          TrainOptionField.byKey(components[i].getName())
              .orElseThrow(() -> new IllegalStateException("a field without a TrainOptionField"));
      values[i] = changes.containsKey(field) ? changes.get(field) : get(field);
    }
    try {
      return TrainOptions.class.getDeclaredConstructor(types).newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException validation) {
        throw validation;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy training options", e);
    }
  }

  private static RecordComponent component(TrainOptionField field) {
    for (RecordComponent c : TrainOptions.class.getRecordComponents()) {
      if (c.getName().equals(field.key())) {
        return c;
      }
    }
    throw new IllegalStateException("TrainOptions has no component " + field.key());
  }
}
