package dev.designspace.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.layers.LayerOutput;
import dev.designspace.layers.Layers;
import dev.designspace.layers.Network;
import dev.designspace.model.Activation;
import dev.designspace.model.BlockType;
import dev.designspace.model.ModelInfo;
import dev.designspace.model.StemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Accuracy of the training graph's loss gradients (the {@code optimizer/Identity*} tensors the
 * update consumes) against an independent double-precision reference: the same small network (cifar
 * stem, one strided X block with a grouped 3x3 conv and a projection shortcut, head) written out
 * here in plain Java {@code double} arithmetic, differentiated by central finite differences. SiLU
 * instead of ReLU keeps the loss smooth, so the reference is exact to ~1e-9 and the comparison
 * measures the float32 arithmetic alone (see docs/numerics.md: with ReLU a gradient is
 * discontinuous in the activations and any rounding difference moves it).
 *
 * <p>Error of a variable: max |g - g_ref| / max |g_ref| over its elements (an evenly spread 64 of
 * the larger ones). Measured on this machine's oneDNN build: median ~4e-7, max ~1e-6. The bounds
 * (1e-5, 1e-4) leave 20x and more for other CPUs and summation orders, and fail on errors like
 * bfloat16 arithmetic (~1e-2) or a gradient taken from a different op or variable.
 */
class GradientAccuracyTest {
  private static final int BATCH = 8;
  private static final int SIZE = 8;
  // 16 channels: with 4 (BN, convs) this oneDNN build corrupted the native heap now and then
  private static final int STEM = 16;
  private static final int WIDTH = 16;
  private static final int GROUPS = 2;
  private static final int CLASSES = 3;
  private static final double EPS = 1e-5;

  @Test
  void trainingGraphGradientsMatchDoublePrecision() {
    ModelInfo info =
        ModelInfo.builder("GradAccuracy")
            .designSpace("test")
            .spec("test")
            .input(SIZE, 1)
            .classes(CLASSES)
            .stem(StemType.CIFAR, STEM)
            .block(BlockType.X)
            .activation(Activation.SILU)
            .stage(1, WIDTH, 2, 1.0, WIDTH / GROUPS)
            .build();
    Network network =
        new Network() {
          @Override
          public ModelInfo info() {
            return info;
          }

          @Override
          public LayerOutput build(Layers layers, LayerOutput images) {
            LayerOutput x = layers.cifarStem(images, STEM);
            x = layers.bottleneckBlock("stage1/block1", x, WIDTH, 2, WIDTH, GROUPS, 0);
            return layers.head(x, 0, CLASSES);
          }
        };
    Random random = new Random(7);
    float[] pixels = new float[BATCH * SIZE * SIZE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    int[] labels = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      labels[i] = random.nextInt(CLASSES);
    }
    // gamma 1 (the paper's recipe): every branch has a gradient from the first step
    TrainOptions options = TrainOptions.DEFAULTS.withThreads(1).withRecipe(Recipe.PAPER);
    Map<String, double[]> params = new LinkedHashMap<>();
    Map<String, float[]> grads = new LinkedHashMap<>();
    float tfLoss;
    // mean 0, std 1: the graph's normalisation is exact and the reference sees the same inputs
    try (TrainingGraph g = new TrainingGraph(network, new float[] {0f}, new float[] {1f}, options);
        Session session = new Session(g.graph, Trainer.sessionConfig(options));
        TFloat32 x =
            TFloat32.tensorOf(Shape.of(BATCH, SIZE, SIZE, 1), DataBuffers.of(pixels, true, false));
        TInt32 y = TInt32.tensorOf(Shape.of(BATCH), DataBuffers.of(labels, true, false))) {
      session.initialize();
      Session.Runner runner = session.runner().feed(g.images, x).feed(g.labels, y).fetch(g.loss);
      g.gradients.forEach(runner::fetch);
      try (Result r = runner.run()) {
        tfLoss = ((TFloat32) r.get(0)).getFloat();
        for (int i = 0; i < g.gradients.size(); i++) {
          grads.put(g.trainableNames.get(i), values((TFloat32) r.get(i + 1)));
        }
      }
      // read through identity: fetching a ref variable's own output crashes in the tensor's
      // destructor
      org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(g.graph).withSubScope("read");
      Session.Runner read = session.runner();
      g.trainableNames.forEach(n -> read.fetch(tf.identity(g.layers.variables().all().get(n))));
      try (Result r = read.run()) {
        for (int i = 0; i < g.trainableNames.size(); i++) {
          float[] v = values((TFloat32) r.get(i));
          params.put(g.trainableNames.get(i), toDouble(v));
        }
      }
    }
    assertThat(params.keySet())
        .containsExactly(
            "stem/conv/kernel",
            "stem/bn/gamma",
            "stem/bn/beta",
            "stage1/block1/proj/conv/kernel",
            "stage1/block1/proj/bn/gamma",
            "stage1/block1/proj/bn/beta",
            "stage1/block1/conv_a/kernel",
            "stage1/block1/bn_a/gamma",
            "stage1/block1/bn_a/beta",
            "stage1/block1/conv_b/kernel",
            "stage1/block1/bn_b/gamma",
            "stage1/block1/bn_b/beta",
            "stage1/block1/conv_c/kernel",
            "stage1/block1/bn_c/gamma",
            "stage1/block1/bn_c/beta",
            "head/fc/kernel",
            "head/fc/bias");

    double[] input = toDouble(pixels);
    double refLoss = loss(params, input, labels);
    assertThat(Math.abs(tfLoss - refLoss))
        .as("loss %s vs double %s", tfLoss, refLoss)
        .isLessThan(1e-5 * refLoss);

    List<Double> errors = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    for (Map.Entry<String, double[]> e : params.entrySet()) {
      double[] w = e.getValue();
      float[] g = grads.get(e.getKey());
      double maxRef = 0;
      double maxDiff = 0;
      // every element of the small variables, an evenly spread 64 of the larger ones
      int every = Math.max(1, w.length / 64);
      for (int i = 0; i < w.length; i += every) {
        double saved = w[i];
        double h = 1e-6 * Math.max(1, Math.abs(saved));
        w[i] = saved + h;
        double plus = loss(params, input, labels);
        w[i] = saved - h;
        double minus = loss(params, input, labels);
        w[i] = saved;
        double ref = (plus - minus) / (2 * h);
        maxRef = Math.max(maxRef, Math.abs(ref));
        maxDiff = Math.max(maxDiff, Math.abs(g[i] - ref));
      }
      assertThat(maxRef).as("%s: reference gradient", e.getKey()).isGreaterThan(1e-6);
      double error = maxDiff / maxRef;
      errors.add(error);
      report.append(
          String.format(Locale.ROOT, "%n  %-32s %.2e (max |g| %.2e)", e.getKey(), error, maxRef));
    }
    double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = sorted[sorted.length / 2];
    double max = sorted[sorted.length - 1];
    String summary =
        String.format(
            Locale.ROOT, "gradient error vs double: median %.2e, max %.2e%s", median, max, report);
    System.out.println(summary);
    assertThat(median).as(summary).isLessThan(1e-5);
    assertThat(max).as(summary).isLessThan(1e-4);
  }

  // ---- the network in double precision, as Layers builds it --------------------------------

  /** Mean softmax cross-entropy of the network on {@code x} (NHWC, 1 channel). */
  private static double loss(Map<String, double[]> p, double[] x, int[] labels) {
    int h = SIZE;
    double[] a =
        silu(
            bn(
                conv(x, h, 1, p.get("stem/conv/kernel"), 3, STEM, 1, 1),
                STEM,
                p.get("stem/bn/gamma"),
                p.get("stem/bn/beta")));
    String b = "stage1/block1/";
    int h2 = (h - 1) / 2 + 1;
    double[] shortcut =
        bn(
            conv(a, h, STEM, p.get(b + "proj/conv/kernel"), 1, WIDTH, 2, 1),
            WIDTH,
            p.get(b + "proj/bn/gamma"),
            p.get(b + "proj/bn/beta"));
    double[] f =
        silu(
            bn(
                conv(a, h, STEM, p.get(b + "conv_a/kernel"), 1, WIDTH, 1, 1),
                WIDTH,
                p.get(b + "bn_a/gamma"),
                p.get(b + "bn_a/beta")));
    f =
        silu(
            bn(
                conv(f, h, WIDTH, p.get(b + "conv_b/kernel"), 3, WIDTH, 2, GROUPS),
                WIDTH,
                p.get(b + "bn_b/gamma"),
                p.get(b + "bn_b/beta")));
    f =
        bn(
            conv(f, h2, WIDTH, p.get(b + "conv_c/kernel"), 1, WIDTH, 1, 1),
            WIDTH,
            p.get(b + "bn_c/gamma"),
            p.get(b + "bn_c/beta"));
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = shortcut[i] + f[i];
    }
    out = silu(out);
    double[] kernel = p.get("head/fc/kernel");
    double[] bias = p.get("head/fc/bias");
    double total = 0;
    for (int n = 0; n < BATCH; n++) {
      double[] pooled = new double[WIDTH];
      for (int s = 0; s < h2 * h2; s++) {
        for (int c = 0; c < WIDTH; c++) {
          pooled[c] += out[(n * h2 * h2 + s) * WIDTH + c];
        }
      }
      double[] logits = bias.clone();
      for (int c = 0; c < WIDTH; c++) {
        for (int k = 0; k < CLASSES; k++) {
          logits[k] += pooled[c] / (h2 * h2) * kernel[c * CLASSES + k];
        }
      }
      double top = Arrays.stream(logits).max().orElseThrow();
      double sum = 0;
      for (double l : logits) {
        sum += Math.exp(l - top);
      }
      total += top + Math.log(sum) - logits[labels[n]];
    }
    return total / BATCH;
  }

  /**
   * Square images of side h, NHWC; kernel [k, k, in / groups, out]; symmetric pad (k - 1) / 2, then
   * VALID.
   */
  private static double[] conv(
      double[] x, int h, int in, double[] kernel, int k, int out, int stride, int groups) {
    int pad = (k - 1) / 2;
    int ho = (h - 1) / stride + 1;
    int inG = in / groups;
    int outG = out / groups;
    double[] y = new double[BATCH * ho * ho * out];
    for (int n = 0; n < BATCH; n++) {
      for (int oy = 0; oy < ho; oy++) {
        for (int ox = 0; ox < ho; ox++) {
          for (int o = 0; o < out; o++) {
            int group = o / outG;
            double sum = 0;
            for (int ky = 0; ky < k; ky++) {
              int iy = oy * stride + ky - pad;
              if (iy < 0 || iy >= h) {
                continue;
              }
              for (int kx = 0; kx < k; kx++) {
                int ix = ox * stride + kx - pad;
                if (ix < 0 || ix >= h) {
                  continue;
                }
                for (int ci = 0; ci < inG; ci++) {
                  sum +=
                      x[((n * h + iy) * h + ix) * in + group * inG + ci]
                          * kernel[((ky * k + kx) * inG + ci) * out + o];
                }
              }
            }
            y[((n * ho + oy) * ho + ox) * out + o] = sum;
          }
        }
      }
    }
    return y;
  }

  /** Training-mode batch norm over every axis but the last: batch mean, biased batch variance. */
  private static double[] bn(double[] x, int c, double[] gamma, double[] beta) {
    int m = x.length / c;
    double[] mean = new double[c];
    double[] var = new double[c];
    for (int i = 0; i < x.length; i++) {
      mean[i % c] += x[i];
    }
    for (int j = 0; j < c; j++) {
      mean[j] /= m;
    }
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - mean[i % c];
      var[i % c] += d * d;
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int j = i % c;
      y[i] = gamma[j] * (x[i] - mean[j]) / Math.sqrt(var[j] / m + EPS) + beta[j];
    }
    return y;
  }

  private static double[] silu(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] / (1 + Math.exp(-x[i]));
    }
    return y;
  }

  private static float[] values(TFloat32 t) {
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
