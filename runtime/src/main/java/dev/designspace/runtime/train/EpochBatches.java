package dev.designspace.runtime.train;

import dev.designspace.runtime.data.Batches;
import dev.designspace.runtime.data.ImageSet;
import java.util.NoSuchElementException;

/**
 * The training batches of epochs {@code first} to the last, in order, prepared on the caller's
 * thread when asked for: each epoch's shuffle and augmentation come from {@link Batches#training}
 * seeded by (seed, epoch), so the sequence does not depend on where it starts or who prepares it.
 */
final class EpochBatches implements Feed<TrainingBatch> {
  /** Batches prepared ahead of the step that takes them: enough to hide one slow preparation. */
  static final int PREFETCH_DEPTH = 2;

  /** The name of the thread that prepares them. */
  static final String PREFETCH_THREAD = "designspace-prefetch";

  private final ImageSet images;
  private final TrainOptions options;
  private final int stepsPerEpoch;
  private final float[] pixels;
  private final int[] labels;
  private int epoch;
  private int step;
  private Batches current;

  EpochBatches(ImageSet images, TrainOptions options, int first) {
    this.images = images;
    this.options = options;
    this.stepsPerEpoch = Batches.stepsPerEpoch(images.count(), options.batchSize());
    this.pixels = new float[options.batchSize() * images.imageSize()];
    this.labels = new int[options.batchSize()];
    this.epoch = first;
  }

  /**
   * The batches of epochs {@code first} to the last; with {@code prefetch} they are prepared on a
   * thread of their own, {@link #PREFETCH_DEPTH} ahead of the caller.
   */
  static Feed<TrainingBatch> open(
      ImageSet images, TrainOptions options, int first, boolean prefetch) {
    EpochBatches batches = new EpochBatches(images, options, first);
    return prefetch
        ? new Prefetcher<>(batches, batches.remaining(), PREFETCH_DEPTH, PREFETCH_THREAD)
        : batches;
  }

  /** Batches not handed out yet. */
  long remaining() {
    return (long) (options.epochs() - epoch) * stepsPerEpoch - step;
  }

  @Override
  public TrainingBatch next() {
    if (remaining() <= 0) {
      throw new NoSuchElementException("all batches up to epoch " + options.epochs() + " taken");
    }
    if (step == stepsPerEpoch) {
      epoch++;
      step = 0;
      current = null;
    }
    if (current == null) {
      current =
          Batches.training(
              images, options.batchSize(), options.trainSeed(), epoch, options.augmentation());
    }
    current.next(pixels, labels);
    step++;
    return TrainingBatch.of(pixels, labels, images);
  }

  /** Nothing to release: the batches handed out belong to the caller. */
  @Override
  public void close() {}
}
