package dev.designspace.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.designspace.model.Activation;
import dev.designspace.model.BlockType;
import dev.designspace.model.ModelInfo;
import dev.designspace.model.StemType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Every formulation of a grouped convolution computes what the grouped Conv2D computes, forward and
 * backward, from the same kernel; a model's variables do not depend on the formulation.
 */
class GroupedConvolutionTest {
  private static final int BATCH = 2;

  /** Values and gradients of one formulation on one shape. */
  private record Outputs(float[] y, float[] inputGradient, float[] kernelGradient) {}

  static Stream<Arguments> shapes() {
    // 16 channels at least: smaller counts have upset this oneDNN build's kernels before
    return Stream.of(
        Arguments.of(new ConvShape(6, 6, 16, 16, 3, 1, 1)),
        Arguments.of(new ConvShape(6, 6, 16, 16, 3, 1, 2)),
        Arguments.of(new ConvShape(7, 7, 16, 32, 3, 2, 2)),
        Arguments.of(new ConvShape(6, 6, 16, 16, 3, 2, 16)),
        Arguments.of(new ConvShape(5, 5, 16, 32, 3, 1, 16)),
        Arguments.of(new ConvShape(6, 6, 32, 32, 1, 1, 4)),
        Arguments.of(new ConvShape(6, 6, 16, 16, 3, 2, 2)),
        Arguments.of(new ConvShape(6, 6, 16, 16, 3, 2, 8)));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void everyFormulationMatchesTheGroupedConvForwardAndBackward(ConvShape shape) {
    Outputs grouped = run(shape, ConvFormulation.GROUPED);
    assertThat(grouped.y()).containsExactly(naiveGroupedConv(shape), within(1e-4f));
    for (ConvFormulation f : ConvFormulation.values()) {
      Outputs other = run(shape, f);
      assertThat(other.y()).as(f + " output").containsExactly(grouped.y(), within(1e-4f));
      assertThat(other.inputGradient())
          .as(f + " input gradient")
          .containsExactly(grouped.inputGradient(), within(1e-4f));
      assertThat(other.kernelGradient())
          .as(f + " kernel gradient")
          .containsExactly(grouped.kernelGradient(), within(1e-3f));
    }
  }

  @Test
  void aFormulationThatDoesNotApplyFallsBackToGrouped() {
    ConvShape twoChannelsPerGroup = new ConvShape(6, 6, 16, 16, 3, 1, 8);
    ConvShape oneChannelPerGroup = new ConvShape(6, 6, 16, 16, 3, 1, 16);
    ConvShape dense = new ConvShape(6, 6, 16, 16, 3, 1, 1);
    assertThat(GroupedConvolution.effective(ConvFormulation.DEPTHWISE, twoChannelsPerGroup))
        .isEqualTo(ConvFormulation.GROUPED);
    assertThat(GroupedConvolution.effective(ConvFormulation.DEPTHWISE, oneChannelPerGroup))
        .isEqualTo(ConvFormulation.DEPTHWISE);
    assertThat(GroupedConvolution.effective(ConvFormulation.SPLIT, twoChannelsPerGroup))
        .isEqualTo(ConvFormulation.SPLIT);
    // one-channel Conv2Ds get a wrong input gradient at stride 2 (see ConvFormulation.SPLIT)
    assertThat(GroupedConvolution.effective(ConvFormulation.SPLIT, oneChannelPerGroup))
        .isEqualTo(ConvFormulation.GROUPED);
    assertThat(GroupedConvolution.effective(ConvFormulation.BLOCKDIAG, dense))
        .isEqualTo(ConvFormulation.GROUPED);
  }

  @Test
  void formulationNamesRoundTrip() {
    for (ConvFormulation f : ConvFormulation.values()) {
      assertThat(ConvFormulation.parse(f.externalName())).isEqualTo(f);
    }
    assertThat(ConvFormulation.BLOCKDIAG.externalName()).isEqualTo("blockdiag");
    assertThatThrownBy(() -> ConvFormulation.parse("winograd"))
        .hasMessageContaining("'winograd'")
        .hasMessageContaining("grouped, depthwise, split or blockdiag");
  }

  @Test
  void theVariablesAndParameterCountDoNotDependOnTheFormulation() {
    Network network = tinyNetwork();
    Map<String, Shape> groupedVariables = null;
    long groupedParameters = 0;
    for (ConvFormulation f : ConvFormulation.values()) {
      LayerOptions options = LayerOptions.DEFAULTS.withConvChooser(ConvChooser.always(f));
      try (ModelGraph g = ModelGraph.build(network, Mode.TRAINING, options)) {
        Map<String, Shape> variables = new LinkedHashMap<>();
        g.layers().variables().all().forEach((name, v) -> variables.put(name, v.shape()));
        long parameters = ModelGraph.trainableParameters(g.graph());
        assertThat(parameters).isEqualTo(g.layers().variables().trainableParameters());
        assertThat(opTypes(g.graph())).as(f.toString()).contains(expectedOpType(f));
        if (groupedVariables == null) {
          groupedVariables = variables;
          groupedParameters = parameters;
          assertThat(variables)
              .containsEntry("stage1/block1/conv_b/kernel", Shape.of(3, 3, 1, 16))
              .containsEntry("stage2/block1/conv_b/kernel", Shape.of(3, 3, 8, 16));
        } else {
          assertThat(variables).as(f.toString()).containsExactlyEntriesOf(groupedVariables);
          assertThat(parameters).as(f.toString()).isEqualTo(groupedParameters);
        }
      }
    }
  }

  /** An op type only the formulation creates, so that the test sees the choice was used. */
  private static String expectedOpType(ConvFormulation f) {
    return switch (f) {
      case GROUPED -> "Conv2D";
      case DEPTHWISE -> "DepthwiseConv2dNative";
      case SPLIT -> "Split";
      case BLOCKDIAG -> "Tile";
    };
  }

  private static List<String> opTypes(Graph graph) {
    List<String> types = new ArrayList<>();
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      types.add(it.next().type());
    }
    return types;
  }

  /** Stage 1 depthwise (16 groups of 1), stage 2 two groups of 8 at stride 2. */
  private static Network tinyNetwork() {
    ModelInfo info =
        ModelInfo.builder("Formulations")
            .designSpace("test")
            .spec("test")
            .input(8, 1)
            .classes(3)
            .stem(StemType.CIFAR, 16)
            .block(BlockType.X)
            .activation(Activation.RELU)
            .stage(1, 16, 1, 1.0, 1)
            .stage(1, 32, 2, 2.0, 8)
            .build();
    return new Network() {
      @Override
      public ModelInfo info() {
        return info;
      }

      @Override
      public LayerOutput build(Layers layers, LayerOutput images) {
        LayerOutput x = layers.cifarStem(images, 16);
        x = layers.bottleneckBlock("stage1/block1", x, 16, 1, 16, 16, 0);
        x = layers.bottleneckBlock("stage2/block1", x, 32, 2, 16, 2, 0);
        return layers.head(x, 0, 3);
      }
    };
  }

  private static Outputs run(ConvShape shape, ConvFormulation formulation) {
    int k = shape.kernel();
    Shape inputShape = Shape.of(BATCH, shape.height(), shape.width(), shape.in());
    Shape kernelShape = Shape.of(k, k, shape.in() / shape.groups(), shape.out());
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(inputShape));
      Placeholder<TFloat32> kernel = tf.placeholder(TFloat32.class, Placeholder.shape(kernelShape));
      Operand<TFloat32> y =
          GroupedConvolution.build(tf, x, kernel, shape, shape.stride(), formulation);
      Shape outputShape =
          Shape.of(
              BATCH, outSize(shape.height(), shape), outSize(shape.width(), shape), shape.out());
      // a weighted sum, so that every output element has its own gradient
      Operand<TFloat32> weights =
          tf.constant(outputShape, DataBuffers.of(random(outputShape.size(), 3)));
      Operand<TFloat32> loss = tf.sum(tf.math.mul(y, weights), tf.constant(new int[] {0, 1, 2, 3}));
      var gradients = tf.gradients(loss, List.of(x, kernel));
      try (Session session = new Session(graph);
          TFloat32 xValue = TFloat32.tensorOf(inputShape, DataBuffers.of(input(shape)));
          TFloat32 kernelValue = TFloat32.tensorOf(kernelShape, DataBuffers.of(kernel(shape)));
          Result r =
              session
                  .runner()
                  .feed(x, xValue)
                  .feed(kernel, kernelValue)
                  .fetch(y)
                  .fetch(gradients.dy(0))
                  .fetch(gradients.dy(1))
                  .run()) {
        return new Outputs(
            values((TFloat32) r.get(0)), values((TFloat32) r.get(1)), values((TFloat32) r.get(2)));
      }
    }
  }

  /** The grouped convolution by its definition, VALID, NHWC. */
  private static float[] naiveGroupedConv(ConvShape shape) {
    float[] x = input(shape);
    float[] w = kernel(shape);
    int k = shape.kernel();
    int h = shape.height();
    int wd = shape.width();
    int in = shape.in();
    int out = shape.out();
    int inPerGroup = in / shape.groups();
    int outPerGroup = out / shape.groups();
    int oh = outSize(h, shape);
    int ow = outSize(wd, shape);
    float[] y = new float[BATCH * oh * ow * out];
    for (int n = 0; n < BATCH; n++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          for (int o = 0; o < out; o++) {
            int group = o / outPerGroup;
            double sum = 0;
            for (int di = 0; di < k; di++) {
              for (int dj = 0; dj < k; dj++) {
                for (int c = 0; c < inPerGroup; c++) {
                  int row = i * shape.stride() + di;
                  int col = j * shape.stride() + dj;
                  float xv = x[((n * h + row) * wd + col) * in + group * inPerGroup + c];
                  float wv = w[((di * k + dj) * inPerGroup + c) * out + o];
                  sum += xv * wv;
                }
              }
            }
            y[((n * oh + i) * ow + j) * out + o] = (float) sum;
          }
        }
      }
    }
    return y;
  }

  private static int outSize(int size, ConvShape shape) {
    return (size - shape.kernel()) / shape.stride() + 1;
  }

  private static float[] input(ConvShape shape) {
    return random((long) BATCH * shape.height() * shape.width() * shape.in(), 1);
  }

  private static float[] kernel(ConvShape shape) {
    int k = shape.kernel();
    return random((long) k * k * shape.in() / shape.groups() * shape.out(), 2);
  }

  private static float[] random(long size, long seed) {
    Random random = new Random(seed);
    float[] values = new float[(int) size];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  private static float[] values(TFloat32 tensor) {
    float[] out = new float[(int) tensor.shape().size()];
    FloatDataBuffer buffer = DataBuffers.of(out, false, false);
    tensor.copyTo(buffer);
    return out;
  }
}
