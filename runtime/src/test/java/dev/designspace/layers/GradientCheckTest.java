package dev.designspace.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** tf.gradients against central finite differences, for dense and grouped convolutions. */
class GradientCheckTest {

  @ParameterizedTest(name = "{0} groups")
  @CsvSource({"1", "2", "4", "8"})
  void convolutionGradientsMatchFiniteDifferences(int groups) {
    int c = 8;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 5, 5, c)));
      Placeholder<TFloat32> kernelValue =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 3, c / groups, c)));
      Variable<TFloat32> kernel =
          tf.withName("kernel").variable(Shape.of(3, 3, c / groups, c), TFloat32.class);
      var assign = tf.assign(kernel, kernelValue);
      Operand<TFloat32> padded =
          tf.pad(x, tf.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}), tf.constant(0f));
      Operand<TFloat32> y = tf.nn.conv2d(padded, kernel, List.of(1L, 1L, 1L, 1L), "VALID");
      Operand<TFloat32> weights =
          tf.constant(Shape.of(2, 5, 5, c), DataBuffers.of(pattern(2 * 5 * 5 * c, 0.7)));
      Operand<TFloat32> loss = tf.sum(tf.math.mul(y, weights), tf.constant(new int[] {0, 1, 2, 3}));
      org.tensorflow.op.core.Gradients grads = tf.gradients(loss, List.of(kernel));
      float[] input = pattern(2 * 5 * 5 * c, 0.31);
      float[] k = pattern(3 * 3 * (c / groups) * c, 0.17);
      try (Session s = new Session(g)) {
        float[] analytic =
            run(s, tf, x, input, kernelValue, assign, k, grads.<TFloat32>dy(0), k.length);
        double eps = 1e-2;
        for (int i = 0; i < k.length; i += 7) {
          float[] plus = k.clone();
          float[] minus = k.clone();
          plus[i] += eps;
          minus[i] -= eps;
          double lp = run(s, tf, x, input, kernelValue, assign, plus, loss, 1)[0];
          double lm = run(s, tf, x, input, kernelValue, assign, minus, loss, 1)[0];
          double numeric = (lp - lm) / (2 * eps);
          assertThat(analytic[i])
              .as("d loss / d kernel[%d] with %d groups", i, groups)
              .isCloseTo(
                  (float) numeric,
                  org.assertj.core.api.Assertions.within(
                      (float) (1e-2 * Math.max(1, Math.abs(numeric)))));
        }
      }
    }
  }

  /**
   * The whole network in training mode (BN on batch statistics): loss gradients of every kind of
   * variable.
   */
  @org.junit.jupiter.api.Test
  void networkGradientsMatchFiniteDifferences(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path spec = dir.resolve("g.yaml");
    java.nio.file.Files.writeString(
        spec,
        String.join(
            "\n",
            "name: G",
            "network: {input: {size: 8, channels: 1}, classes: 3, stem: {type: cifar, width: 8},"
                + " block: y}",
            "models:",
            "  - name: G1",
            "    anynet: {depths: [2], widths: [16], strides: [2], group_widths: [4]}",
            ""));
    Network network = dev.designspace.runtime.compile.SpecModels.load(spec, 1, 0).all().get(0);
    try (ModelGraph m =
        ModelGraph.build(network, Mode.TRAINING, LayerOptions.DEFAULTS.withSeed(1))) {
      Ops tf = Ops.create(m.graph());
      Operand<TFloat32> labels =
          tf.constant(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}});
      Operand<TFloat32> loss =
          tf.math.mean(
              tf.nn.softmaxCrossEntropyWithLogits(m.logits().operand(), labels).loss(),
              tf.constant(0));
      java.util.Map<String, Variable<TFloat32>> vars = m.layers().variables().all();
      List<String> names =
          List.of(
              "stem/conv/kernel",
              "stage1/block1/conv_b/kernel",
              "stage1/block1/bn_b/gamma",
              "stage1/block2/se/reduce/kernel",
              "stage1/block2/se/expand/bias",
              "stage1/block1/proj/conv/kernel",
              "head/fc/kernel");
      List<Variable<TFloat32>> checked = names.stream().map(vars::get).toList();
      org.tensorflow.op.core.Gradients grads = tf.gradients(loss, checked);
      float[] images = pattern(4 * 8 * 8, 0.37);
      try (Session s = new Session(m.graph());
          TFloat32 x = TFloat32.tensorOf(Shape.of(4, 8, 8, 1), DataBuffers.of(images))) {
        s.runner().feed(m.images(), x).fetch(loss).run().close(); // initialise
        for (int v = 0; v < checked.size(); v++) {
          Variable<TFloat32> var = checked.get(v);
          float[] value = fetch(s, tf.identity(var), m, x, (int) var.shape().size());
          float[] analytic = fetch(s, grads.<TFloat32>dy(v), m, x, value.length);
          Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(var.shape()));
          var assign = tf.assign(var, p);
          double eps = 3e-3;
          for (int i = 0; i < value.length; i += Math.max(1, value.length / 5)) {
            double[] l = new double[2];
            for (int sign = 0; sign < 2; sign++) {
              float[] moved = value.clone();
              moved[i] += sign == 0 ? eps : -eps;
              try (TFloat32 t = TFloat32.tensorOf(var.shape(), DataBuffers.of(moved))) {
                s.runner().feed(p, t).addTarget(assign).run().close();
              }
              l[sign] = fetch(s, loss, m, x, 1)[0];
            }
            try (TFloat32 t = TFloat32.tensorOf(var.shape(), DataBuffers.of(value))) {
              s.runner().feed(p, t).addTarget(assign).run().close();
            }
            double numeric = (l[0] - l[1]) / (2 * eps);
            // 15%: a finite difference across a ReLU kink (many in the stem) is only approximately
            // the derivative
            assertThat((double) analytic[i])
                .as("%s[%d]", names.get(v), i)
                .isCloseTo(
                    numeric,
                    org.assertj.core.api.Assertions.within(0.15 * Math.abs(numeric) + 2e-4));
          }
        }
      }
    }
  }

  private static float[] fetch(
      Session s, Operand<TFloat32> what, ModelGraph m, TFloat32 x, int size) {
    try (Result r = s.runner().feed(m.images(), x).fetch(what).run()) {
      float[] out = new float[size];
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  private static float[] run(
      Session s,
      Ops tf,
      Placeholder<TFloat32> x,
      float[] input,
      Placeholder<TFloat32> kv,
      org.tensorflow.op.core.Assign<TFloat32> assign,
      float[] kernel,
      Operand<TFloat32> fetch,
      int size) {
    try (TFloat32 xt = TFloat32.tensorOf(x.shape(), DataBuffers.of(input));
        TFloat32 kt = TFloat32.tensorOf(kv.shape(), DataBuffers.of(kernel))) {
      s.runner().feed(kv, kt).addTarget(assign).run().close();
      try (Result r = s.runner().feed(x, xt).fetch(fetch).run()) {
        float[] out = new float[size];
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }
  }

  private static float[] pattern(int n, double step) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) Math.sin(i * step + 0.5);
    }
    return out;
  }
}
