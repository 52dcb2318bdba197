package dev.designspace.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.designspace.model.ModelInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * 1x1 convs of stride s are built as a subsample and a stride-1 conv (Layers#subsample): the oneDNN
 * filter gradient of the strided 1x1 conv corrupted the native heap for inputs of fewer than 16
 * channels at even sizes, killing the JVM at the first training step.
 */
class StridedPointwiseConvTest {

  /**
   * The block that used to crash: 8 channels at 14x14 into a 48-wide X block of stride 2, whose
   * projection shortcut is a 1x1 stride-2 conv from 8 channels. A few SGD steps of batch 32; before
   * the subsample this aborted the test JVM with "double free or corruption".
   */
  @Test
  void eightChannelStrideTwoProjectionTrains(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("p.yaml");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "name: P",
            "network: {input: {size: 28, channels: 1}, classes: 10, stem: {type: cifar, width: 16},"
                + " block: x}",
            "models:",
            "  - name: P1",
            "    anynet: {depths: [1, 1], widths: [8, 48], strides: [2, 2], bottleneck_ratios: [1,"
                + " 1], group_widths: [1, 2]}",
            ""));
    Network network = dev.designspace.runtime.compile.SpecModels.load(spec, 1, 0).all().get(0);
    ModelInfo info = network.info();
    try (ModelGraph g =
        ModelGraph.build(network, Mode.TRAINING, LayerOptions.DEFAULTS.withSeed(5))) {
      Variable<TFloat32> proj = g.layers().variables().all().get("stage2/block1/proj/conv/kernel");
      assertThat(proj.shape()).isEqualTo(Shape.of(1, 1, 8, 48));
      assertThat(ModelGraph.trainableParameters(g.graph())).isEqualTo(info.params());
      Ops tf = Ops.create(g.graph());
      Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class);
      Operand<TFloat32> onehot =
          tf.oneHot(labels, tf.constant(info.classes()), tf.constant(1f), tf.constant(0f));
      Operand<TFloat32> loss =
          tf.math.mean(
              tf.nn.softmaxCrossEntropyWithLogits(g.logits().operand(), onehot).loss(),
              tf.constant(0));
      List<Variable<TFloat32>> trainable = g.layers().variables().trainable();
      Gradients grads = tf.gradients(loss, trainable);
      List<Op> steps = new ArrayList<>(g.layers().updateOps());
      for (int i = 0; i < trainable.size(); i++) {
        steps.add(
            tf.train.applyGradientDescent(
                trainable.get(i), tf.constant(0.05f), grads.<TFloat32>dy(i)));
      }
      int batch = 32;
      int[] y = new int[batch];
      for (int i = 0; i < batch; i++) {
        y[i] = i % info.classes();
      }
      ConfigProto oneThread =
          ConfigProto.newBuilder()
              .setInterOpParallelismThreads(1)
              .setIntraOpParallelismThreads(1)
              .build();
      try (Session session = new Session(g.graph(), oneThread);
          TFloat32 images =
              TFloat32.tensorOf(
                  Shape.of(batch, 28, 28, 1), DataBuffers.of(pattern(batch * 28 * 28, 0.13)));
          TInt32 labelValues = TInt32.vectorOf(y)) {
        float[] before = values(session, tf.identity(proj), 8 * 48);
        for (int step = 0; step < 4; step++) {
          var runner =
              session.runner().feed(g.images(), images).feed(labels, labelValues).fetch(loss);
          steps.forEach(runner::addTarget);
          try (Result r = runner.run()) {
            assertThat(Float.isFinite(((TFloat32) r.get(0)).getFloat())).isTrue();
          }
        }
        assertThat(values(session, tf.identity(proj), 8 * 48)).isNotEqualTo(before);
      }
    }
  }

  /**
   * Subsample then stride-1 conv equals the strided conv: outputs and the gradients of both the
   * input and the kernel, at sizes the stride divides and does not, and non-square. 16 input
   * channels, where the strided conv's own gradients are safe to run.
   */
  @ParameterizedTest(name = "{0}x{1}, stride {2}")
  @CsvSource({"14, 14, 2", "13, 13, 2", "7, 9, 2", "12, 12, 3", "10, 11, 3", "28, 28, 2"})
  void subsampleThenConvEqualsTheStridedConv(int h, int w, int stride) {
    int n = 3;
    int c = 16;
    int out = 24;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x =
          tf.constant(Shape.of(n, h, w, c), DataBuffers.of(pattern(n * h * w * c, 0.37)));
      Operand<TFloat32> kernel =
          tf.constant(Shape.of(1, 1, c, out), DataBuffers.of(pattern(c * out, 0.11)));
      Operand<TFloat32> strided =
          tf.nn.conv2d(x, kernel, List.of(1L, (long) stride, (long) stride, 1L), "VALID");
      Operand<TFloat32> sampled =
          tf.nn.conv2d(
              Layers.subsample(tf, x, h, w, c, stride), kernel, List.of(1L, 1L, 1L, 1L), "VALID");
      int oh = (h - 1) / stride + 1;
      int ow = (w - 1) / stride + 1;
      Operand<TFloat32> weights =
          tf.constant(Shape.of(n, oh, ow, out), DataBuffers.of(pattern(n * oh * ow * out, 0.53)));
      Gradients gs =
          tf.gradients(
              tf.sum(tf.math.mul(strided, weights), tf.constant(new int[] {0, 1, 2, 3})),
              List.of(x, kernel));
      Gradients gp =
          tf.gradients(
              tf.sum(tf.math.mul(sampled, weights), tf.constant(new int[] {0, 1, 2, 3})),
              List.of(x, kernel));
      try (Session s = new Session(g)) {
        assertClose(
            values(s, sampled, n * oh * ow * out), values(s, strided, n * oh * ow * out), "output");
        assertClose(
            values(s, gp.<TFloat32>dy(0), n * h * w * c),
            values(s, gs.<TFloat32>dy(0), n * h * w * c),
            "d input");
        assertClose(
            values(s, gp.<TFloat32>dy(1), c * out),
            values(s, gs.<TFloat32>dy(1), c * out),
            "d kernel");
      }
    }
  }

  private static void assertClose(float[] actual, float[] expected, String what) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i])
          .as("%s[%d]", what, i)
          .isCloseTo(expected[i], within(1e-4f * Math.max(1, Math.abs(expected[i]))));
    }
  }

  private static float[] values(Session s, Operand<TFloat32> what, int size) {
    try (Result r = s.runner().fetch(what).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      assertThat(t.size()).isEqualTo(size);
      float[] out = new float[size];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
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
