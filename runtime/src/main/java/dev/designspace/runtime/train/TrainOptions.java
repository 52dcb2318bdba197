package dev.designspace.runtime.train;

import dev.designspace.runtime.convimpl.ConvImpl;
import dev.designspace.runtime.data.Batches;
import java.util.function.Consumer;

/**
 * How to train (see docs/training.md).
 *
 * @param baseLr learning rate per 128 images; the rate used is baseLr * batchSize / 128
 * @param weightDecay L2 on conv and dense kernels (added to their gradients, as PyTorch's SGD does)
 * @param decayAll also decay BN gamma/beta and biases (pycls at HEAD does)
 * @param warmupEpochs linear warmup length in epochs (fractional), from warmupFactor to 1
 * @param seed seeds initialisation, shuffling and augmentation
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
    long seed,
    int threads,
    String device,
    int evalBatchSize,
    int trainLimit,
    int testLimit,
    Batches.Augmentation augmentation,
    Recipe recipe,
    ConvImpl convImpl,
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
          ConvImpl.GROUPED,
          Grappler.AUTO);

  public TrainOptions {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + baseLr);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException(
          "label smoothing must be in [0, 1), got " + labelSmoothing);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    if (!device.equals("cpu") && !device.matches("gpu:\\d+")) {
      throw new IllegalArgumentException("device must be cpu or gpu:N, got '" + device + "'");
    }
    if (recipe == null) {
      throw new IllegalArgumentException("a recipe is required");
    }
    if (evalBatchSize < 1 || trainLimit < 0 || testLimit < 0) {
      throw new IllegalArgumentException("eval batch size >= 1 and limits >= 0");
    }
    if (convImpl == null) {
      throw new IllegalArgumentException("a convolution implementation is required");
    }
    if (grappler == null) {
      throw new IllegalArgumentException("a grappler setting is required");
    }
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
    return edit(b -> b.recipe = value);
  }

  public TrainOptions withEpochs(int value) {
    return edit(b -> b.epochs = value);
  }

  public TrainOptions withBatchSize(int value) {
    return edit(b -> b.batchSize = value);
  }

  public TrainOptions withBaseLr(double value) {
    return edit(b -> b.baseLr = value);
  }

  public TrainOptions withSeed(long value) {
    return edit(b -> b.seed = value);
  }

  public TrainOptions withThreads(int value) {
    return edit(b -> b.threads = value);
  }

  public TrainOptions withLimits(int train, int test) {
    return edit(
        b -> {
          b.trainLimit = train;
          b.testLimit = test;
        });
  }

  public TrainOptions withRegularisation(double decay, boolean all, double smoothing) {
    return edit(
        b -> {
          b.weightDecay = decay;
          b.decayAll = all;
          b.labelSmoothing = smoothing;
        });
  }

  public TrainOptions withDevice(String value) {
    return edit(b -> b.device = value);
  }

  public TrainOptions withAugmentation(Batches.Augmentation value) {
    return edit(b -> b.augmentation = value);
  }

  public TrainOptions withWarmup(double epochsOfWarmup, double factor) {
    return edit(
        b -> {
          b.warmupEpochs = epochsOfWarmup;
          b.warmupFactor = factor;
        });
  }

  public TrainOptions withConvImpl(ConvImpl value) {
    return edit(b -> b.convImpl = value);
  }

  public TrainOptions withGrappler(Grappler value) {
    return edit(b -> b.grappler = value);
  }

  /** A copy with the changes {@code change} makes, validated like any new options. */
  private TrainOptions edit(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The components of one options value, mutable while a {@code with...} method changes some. */
  private static final class Copy {
    int epochs;
    int batchSize;
    double baseLr;
    double momentum;
    double weightDecay;
    boolean decayAll;
    double labelSmoothing;
    double warmupEpochs;
    double warmupFactor;
    long seed;
    int threads;
    String device;
    int evalBatchSize;
    int trainLimit;
    int testLimit;
    Batches.Augmentation augmentation;
    Recipe recipe;
    ConvImpl convImpl;
    Grappler grappler;

    Copy(TrainOptions o) {
      epochs = o.epochs;
      batchSize = o.batchSize;
      baseLr = o.baseLr;
      momentum = o.momentum;
      weightDecay = o.weightDecay;
      decayAll = o.decayAll;
      labelSmoothing = o.labelSmoothing;
      warmupEpochs = o.warmupEpochs;
      warmupFactor = o.warmupFactor;
      seed = o.seed;
      threads = o.threads;
      device = o.device;
      evalBatchSize = o.evalBatchSize;
      trainLimit = o.trainLimit;
      testLimit = o.testLimit;
      augmentation = o.augmentation;
      recipe = o.recipe;
      convImpl = o.convImpl;
      grappler = o.grappler;
    }

    TrainOptions build() {
      return new TrainOptions(
          epochs,
          batchSize,
          baseLr,
          momentum,
          weightDecay,
          decayAll,
          labelSmoothing,
          warmupEpochs,
          warmupFactor,
          seed,
          threads,
          device,
          evalBatchSize,
          trainLimit,
          testLimit,
          augmentation,
          recipe,
          convImpl,
          grappler);
    }
  }
}
