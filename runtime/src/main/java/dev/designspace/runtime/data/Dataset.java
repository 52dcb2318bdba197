package dev.designspace.runtime.data;

import dev.designspace.runtime.runfiles.DataOrigin;
import java.util.Objects;

/**
 * A train and a test split with the per-channel mean and standard deviation of the training pixels
 * (0-255), which the graph uses to normalise.
 *
 * @param source where the data came from, for logs and results
 */
public record Dataset(
    String name,
    ImageSet train,
    ImageSet test,
    int classes,
    float[] mean,
    float[] std,
    String source) {
  public Dataset {
    Objects.requireNonNull(name, "name");
    if (train.height() != test.height()
        || train.width() != test.width()
        || train.channels() != test.channels()) {
      throw new IllegalArgumentException("train and test images differ in shape");
    }
    if (mean.length != train.channels() || std.length != train.channels()) {
      throw new IllegalArgumentException("one mean and std per channel");
    }
  }

  public int height() {
    return train.height();
  }

  public int width() {
    return train.width();
  }

  public int channels() {
    return train.channels();
  }

  /** Mean and std per channel over the training pixels. */
  static float[][] statistics(ImageSet train) {
    int c = train.channels();
    double[] sum = new double[c];
    double[] squares = new double[c];
    byte[] p = train.pixels();
    for (int i = 0; i < p.length; i++) {
      int v = p[i] & 0xff;
      sum[i % c] += v;
      squares[i % c] += (double) v * v;
    }
    long n = (long) p.length / c;
    float[] mean = new float[c];
    float[] std = new float[c];
    for (int k = 0; k < c; k++) {
      double m = sum[k] / n;
      mean[k] = (float) m;
      std[k] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, squares[k] / n - m * m)));
    }
    return new float[][] {mean, std};
  }

  static Dataset of(String name, ImageSet train, ImageSet test, int classes, String source) {
    float[][] stats = statistics(train);
    return new Dataset(name, train, test, classes, stats[0], stats[1], source);
  }

  /** This dataset with at most {@code trainLimit} training and {@code testLimit} test images. */
  public Dataset limit(int trainLimit, int testLimit) {
    return new Dataset(
        name, train.limit(trainLimit), test.limit(testLimit), classes, mean, std, source);
  }

  /** What a run records of this data. */
  public DataOrigin origin() {
    return new DataOrigin(name, source, mean, std);
  }
}
