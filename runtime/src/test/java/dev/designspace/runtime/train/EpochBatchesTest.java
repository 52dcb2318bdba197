package dev.designspace.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.designspace.runtime.data.Batches;
import dev.designspace.runtime.data.ImageSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The batches a run trains on: the same whether prefetched or prepared in turn, the same as {@link
 * Batches#training} gives epoch by epoch, and the same tail when a run resumes at a later epoch.
 */
class EpochBatchesTest {
  /** 43 random 8x8x3 images: 5 batches of 8 per epoch, the last 3 images dropped. */
  private static final ImageSet IMAGES = images(43, 8, 3);

  private static final TrainOptions OPTIONS =
      TrainOptions.DEFAULTS
          .withBatchSize(8)
          .withEpochs(3)
          .withTrainSeed(11)
          .withAugmentation(Batches.Augmentation.CROP_FLIP);

  /** A batch read back from its tensors. */
  private record Copy(float[] pixels, int[] labels, int[] labelTensor) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Copy c
          && Arrays.equals(pixels, c.pixels)
          && Arrays.equals(labels, c.labels)
          && Arrays.equals(labelTensor, c.labelTensor);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
      return "labels " + Arrays.toString(labels);
    }
  }

  @Test
  void prefetchedBatchesAreTheSynchronousOnes() {
    List<Copy> synchronous = all(EpochBatches.open(IMAGES, OPTIONS, 0, false));
    List<Copy> prefetched = all(EpochBatches.open(IMAGES, OPTIONS, 0, true));
    assertThat(synchronous).hasSize(15);
    assertThat(prefetched).isEqualTo(synchronous);
    assertThat(PrefetcherTest.prefetchThreads(EpochBatches.PREFETCH_THREAD)).isEmpty();
  }

  @Test
  void theyAreTheEpochsBatchesAsBatchesGivesThem() {
    List<Copy> expected = new ArrayList<>();
    float[] pixels = new float[8 * IMAGES.imageSize()];
    int[] labels = new int[8];
    for (int epoch = 0; epoch < 3; epoch++) {
      Batches batches = Batches.training(IMAGES, 8, 11, epoch, Batches.Augmentation.CROP_FLIP);
      for (int step = 0; step < 5; step++) {
        batches.next(pixels, labels);
        expected.add(new Copy(pixels.clone(), labels.clone(), labels.clone()));
      }
    }
    assertThat(all(EpochBatches.open(IMAGES, OPTIONS, 0, true))).isEqualTo(expected);
    // a resumed run starts at a later epoch and trains on the same batches from there
    assertThat(all(EpochBatches.open(IMAGES, OPTIONS, 2, true)))
        .isEqualTo(expected.subList(10, 15));
    // the augmentation did something: crops and flips differ from the raw images
    assertThat(expected.get(0).pixels()).isNotEqualTo(expected.get(5).pixels());
  }

  @Test
  void theSequenceEndsAfterTheLastEpoch() {
    EpochBatches batches = new EpochBatches(IMAGES, OPTIONS, 2);
    assertThat(batches.remaining()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      batches.next().close();
    }
    assertThat(batches.remaining()).isZero();
    assertThatThrownBy(batches::next)
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("all batches up to epoch 3 taken");
  }

  private static List<Copy> all(Feed<TrainingBatch> feed) {
    List<Copy> out = new ArrayList<>();
    try (feed) {
      while (true) {
        try (TrainingBatch b = feed.next()) {
          float[] pixels = new float[(int) b.images.size()];
          b.images.copyTo(DataBuffers.of(pixels, false, false));
          int[] labels = new int[b.size()];
          b.labelTensor.copyTo(DataBuffers.of(labels, false, false));
          out.add(new Copy(pixels, b.labels(), labels));
        } catch (NoSuchElementException e) {
          return out;
        }
      }
    }
  }

  private static ImageSet images(int count, int size, int channels) {
    byte[] pixels = new byte[count * size * size * channels];
    new Random(3).nextBytes(pixels);
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % 10;
    }
    return new ImageSet(pixels, labels, size, size, channels);
  }
}
