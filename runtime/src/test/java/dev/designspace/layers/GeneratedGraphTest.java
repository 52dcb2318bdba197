package dev.designspace.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.generator.testing.Tsv;
import dev.designspace.model.ModelInfo;
import dev.designspace.model.Stage;
import dev.designspace.runtime.compile.SpecModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Generated models as TensorFlow graphs: parameters, shapes, structure, a training step. */
class GeneratedGraphTest {
  private static final Path ROOT =
      Path.of(System.getProperty("designspace.root", "..")).toAbsolutePath().normalize();

  @TempDir static Path dir;
  static Path tinySpec;

  /** Small models covering every stem, block type, SE, a head conv and SiLU. */
  @BeforeAll
  static void writeTinySpec() throws IOException {
    tinySpec = dir.resolve("tiny.yaml");
    Files.writeString(
        tinySpec,
        String.join(
            "\n",
            "name: Tiny",
            "network: {input: {size: 16, channels: 1}, classes: 5, stem: {type: cifar, width: 8},"
                + " block: y}",
            "models:",
            "  - name: TinyY",
            "    anynet: {depths: [1, 2], widths: [16, 32], strides: [1, 2], bottleneck_ratios: [2,"
                + " 1], group_widths: [4, 8]}",
            "  - name: TinyX-Inverted",
            "    network: {block: x, stem: {type: simple, width: 8}}",
            "    anynet: {depths: [1, 1], widths: [8, 16], bottleneck_ratios: [0.5, 1],"
                + " group_widths: [8, 16]}",
            "  - name: TinyR",
            "    network: {block: r, stem: {type: resnet, width: 8}}",
            "    anynet: {depths: [2, 1], widths: [8, 16], strides: [1, 2]}",
            "  - name: TinyV",
            "    network: {block: v, activation: silu, head_width: 24, stem: {type: simple, width:"
                + " 8}}",
            "    anynet: {depths: [1, 1], widths: [8, 16]}",
            ""));
  }

  /** The 24 zoo graphs: trainable parameters summed over the variables = analytic = published. */
  @Test
  void zooGraphsHaveThePublishedParameterCounts() throws IOException {
    Map<String, Long> published = new HashMap<>();
    for (Map<String, String> row : Tsv.read("/reference/zoo-published.tsv")) {
      published.put(row.get("name"), Long.parseLong(row.get("params")));
    }
    int checked = 0;
    for (String zoo : List.of("zoo-regnetx.yaml", "zoo-regnety.yaml")) {
      for (Network network : SpecModels.load(ROOT.resolve("specs").resolve(zoo), 1, 0).all()) {
        try (ModelGraph g = ModelGraph.build(network, Mode.INFERENCE, LayerOptions.DEFAULTS)) {
          long fromGraph = ModelGraph.trainableParameters(g.graph());
          assertThat(fromGraph)
              .as(network.info().name())
              .isEqualTo(network.info().params())
              .isEqualTo(published.get(network.info().name()));
          assertThat(g.layers().variables().trainableParameters()).isEqualTo(fromGraph);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(24);
  }

  @Test
  void forwardPassGivesLogitsOfTheRightShape() {
    for (Network network : SpecModels.load(tinySpec, 1, 0).all()) {
      ModelInfo info = network.info();
      try (ModelGraph g = ModelGraph.build(network, Mode.INFERENCE, LayerOptions.DEFAULTS);
          Session session = new Session(g.graph());
          TFloat32 images = images(3, info.inputSize(), info.inputChannels());
          Result r = session.runner().feed(g.images(), images).fetch(g.logits().operand()).run()) {
        TFloat32 logits = (TFloat32) r.get(0);
        assertThat(logits.shape()).as(info.name()).isEqualTo(Shape.of(3, info.classes()));
        float[] values = new float[(int) logits.size()];
        logits.copyTo(DataBuffers.of(values, false, false));
        for (float v : values) {
          assertThat(Float.isFinite(v)).as(info.name()).isTrue();
        }
        assertThat(ModelGraph.trainableParameters(g.graph()))
            .as(info.name())
            .isEqualTo(info.params());
      }
    }
  }

  /** Every conv op of the graph has the widths, strides and groups of the generator's config. */
  @Test
  void convOpsMatchTheConfig() {
    DesignSpace space = SpecLoader.load(tinySpec);
    Map<String, NetworkConfig> configs = new HashMap<>();
    space.models().forEach(m -> configs.put(m.name(), m));
    for (Network network : SpecModels.load(tinySpec, 1, 0).all()) {
      NetworkConfig config = configs.get(network.info().name());
      Map<String, long[]> expected = new HashMap<>(); // op name -> {k, in/groups, out, stride}
      int widthIn = config.settings().stem().width();
      for (int i = 0; i < config.stages().size(); i++) {
        Stage st = config.stages().get(i);
        for (int j = 0; j < st.depth(); j++) {
          String block = "stage" + (i + 1) + "/block" + (j + 1) + "/";
          long stride = j == 0 ? st.stride() : 1;
          switch (config.settings().block()) {
            case X, Y -> {
              int wb = st.bottleneckWidth();
              expected.put(block + "conv_a/Conv2D", new long[] {1, widthIn, wb, 1});
              expected.put(block + "conv_b/Conv2D", new long[] {3, st.groupWidth(), wb, stride});
              expected.put(block + "conv_c/Conv2D", new long[] {1, wb, st.width(), 1});
            }
            default -> {
              expected.put(block + "conv_a/Conv2D", new long[] {3, widthIn, st.width(), stride});
              expected.put(block + "conv_b/Conv2D", new long[] {3, st.width(), st.width(), 1});
            }
          }
          widthIn = st.width();
        }
      }
      try (ModelGraph g = ModelGraph.build(network, Mode.INFERENCE, LayerOptions.DEFAULTS)) {
        int matched = 0;
        for (Iterator<GraphOperation> it = g.graph().operations(); it.hasNext(); ) {
          GraphOperation op = it.next();
          long[] want = expected.get(op.name());
          if (want == null) {
            continue;
          }
          assertThat(op.type()).isEqualTo("Conv2D");
          Shape filter = op.input(1).shape();
          assertThat(filter.asArray())
              .as(op.name())
              .containsExactly(want[0], want[0], want[1], want[2]);
          assertThat(op.attributes().getAttrIntList("strides"))
              .as(op.name())
              .containsExactly(1, want[3], want[3], 1);
          matched++;
        }
        assertThat(matched).as(network.info().name()).isEqualTo(expected.size());
      }
    }
  }

  @Test
  void oneTrainingStepChangesTheWeightsAndMovingStatistics() {
    Network network = SpecModels.load(tinySpec, 1, 0).byName("TinyY").orElseThrow();
    ModelInfo info = network.info();
    try (ModelGraph g =
        ModelGraph.build(network, Mode.TRAINING, LayerOptions.DEFAULTS.withSeed(3))) {
      Ops tf = Ops.create(g.graph());
      Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class);
      Operand<TFloat32> onehot =
          tf.oneHot(labels, tf.constant(info.classes()), tf.constant(1f), tf.constant(0f));
      Operand<TFloat32> loss =
          tf.math.mean(
              tf.nn.softmaxCrossEntropyWithLogits(g.logits().operand(), onehot).loss(),
              tf.constant(0));
      List<Variable<TFloat32>> trainable = g.layers().variables().trainable();
      var grads = tf.gradients(loss, trainable);
      List<Op> steps = new ArrayList<>(g.layers().updateOps());
      for (int i = 0; i < trainable.size(); i++) {
        steps.add(
            tf.train.applyGradientDescent(
                trainable.get(i), tf.constant(0.1f), grads.<TFloat32>dy(i)));
      }
      Variable<TFloat32> kernel = g.layers().variables().all().get("stage1/block1/conv_b/kernel");
      Variable<TFloat32> movingMean =
          g.layers().variables().all().get("stage1/block1/bn_b/moving_mean");
      try (Session session = new Session(g.graph());
          TFloat32 images = images(4, info.inputSize(), info.inputChannels());
          TInt32 y = TInt32.vectorOf(0, 1, 2, 3)) {
        float[] kernelBefore = read(session, tf, kernel);
        float[] meanBefore = read(session, tf, movingMean);
        var runner = session.runner().feed(g.images(), images).feed(labels, y);
        steps.forEach(runner::addTarget);
        runner.run().close();
        assertThat(read(session, tf, kernel)).isNotEqualTo(kernelBefore);
        assertThat(meanBefore).containsOnly(0f);
        assertThat(read(session, tf, movingMean)).isNotEqualTo(meanBefore);
      }
    }
  }

  @Test
  void variablesAreNamedHierarchicallyAndSharedWithAnInferenceBranch() {
    Network network = SpecModels.load(tinySpec, 1, 0).byName("TinyY").orElseThrow();
    try (ModelGraph g = ModelGraph.build(network, Mode.TRAINING, LayerOptions.DEFAULTS)) {
      assertThat(g.layers().variables().all().keySet())
          .contains(
              "stem/conv/kernel",
              "stem/bn/gamma",
              "stage1/block1/proj/conv/kernel",
              "stage1/block1/conv_b/kernel",
              "stage1/block1/se/reduce/kernel",
              "stage1/block1/se/reduce/bias",
              "stage2/block2/bn_c/moving_variance",
              "head/fc/kernel",
              "head/fc/bias");
      long before = ModelGraph.trainableParameters(g.graph());
      Layers eval = g.layers().sharingVariables(Mode.INFERENCE, "eval");
      LayerOutput logits = network.build(eval, eval.input(g.images()));
      assertThat(logits.operand().op().name()).isEqualTo("eval/logits");
      assertThat(ModelGraph.trainableParameters(g.graph())).isEqualTo(before); // no new variables
      assertThat(eval.updateOps()).isEmpty();
      assertThat(g.layers().updateOps()).isNotEmpty();
    }
  }

  /** pycls init: conv kernels normal(0, sqrt(2 / (k * k * out))), BN gamma 1 or 0 for final BNs. */
  @Test
  void initialisationFollowsPycls() throws IOException {
    Network network =
        SpecModels.load(ROOT.resolve("specs/zoo-regnetx.yaml"), 1, 0)
            .byName("RegNetX-200MF")
            .orElseThrow();
    for (boolean zeroInit : List.of(false, true)) {
      try (ModelGraph g =
              ModelGraph.build(
                  network, Mode.TRAINING, LayerOptions.DEFAULTS.withZeroInitFinalGamma(zeroInit));
          Session session = new Session(g.graph())) {
        Ops tf = Ops.create(g.graph());
        Map<String, Variable<TFloat32>> vars = g.layers().variables().all();
        float[] kernel =
            read(session, tf, vars.get("stage4/block2/conv_a/kernel")); // [1, 1, 368, 368]
        double sum = 0;
        double squares = 0;
        for (float v : kernel) {
          sum += v;
          squares += v * v;
        }
        double mean = sum / kernel.length;
        double std = Math.sqrt(squares / kernel.length - mean * mean);
        assertThat(std)
            .isCloseTo(Math.sqrt(2.0 / 368), org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(Math.abs(mean)).isLessThan(0.002);
        float[] fc = read(session, tf, vars.get("head/fc/kernel"));
        double fcSquares = 0;
        for (float v : fc) {
          fcSquares += v * v;
        }
        assertThat(Math.sqrt(fcSquares / fc.length))
            .isCloseTo(0.01, org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(read(session, tf, vars.get("head/fc/bias"))).containsOnly(0f);
        assertThat(read(session, tf, vars.get("stage4/block2/bn_a/gamma"))).containsOnly(1f);
        assertThat(read(session, tf, vars.get("stage4/block2/bn_c/gamma")))
            .containsOnly(zeroInit ? 0f : 1f);
        assertThat(read(session, tf, vars.get("stage4/block1/proj/bn/gamma"))).containsOnly(1f);
        assertThat(read(session, tf, vars.get("stage4/block2/bn_c/beta"))).containsOnly(0f);
        assertThat(read(session, tf, vars.get("stage4/block2/bn_c/moving_variance")))
            .containsOnly(1f);
      }
    }
  }

  @Test
  void sameSeedSameInitialWeights() {
    Network network = SpecModels.load(tinySpec, 1, 0).byName("TinyR").orElseThrow();
    float[][] kernels = new float[3][];
    long[] seeds = {5, 5, 6};
    for (int i = 0; i < 3; i++) {
      try (ModelGraph g =
              ModelGraph.build(network, Mode.TRAINING, LayerOptions.DEFAULTS.withSeed(seeds[i]));
          Session session = new Session(g.graph())) {
        kernels[i] =
            read(
                session,
                Ops.create(g.graph()),
                g.layers().variables().all().get("stage1/block1/conv_a/kernel"));
      }
    }
    assertThat(kernels[1]).isEqualTo(kernels[0]);
    assertThat(kernels[2]).isNotEqualTo(kernels[0]);
  }

  private static TFloat32 images(int n, int size, int channels) {
    float[] data = new float[n * size * size * channels];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) Math.sin(i * 0.37);
    }
    return TFloat32.tensorOf(Shape.of(n, size, size, channels), DataBuffers.of(data));
  }

  private static float[] read(Session session, Ops tf, Variable<TFloat32> v) {
    try (Result r = session.runner().fetch(tf.identity(v)).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.size()];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }
}
