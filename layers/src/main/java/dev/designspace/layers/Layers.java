package dev.designspace.layers;

import dev.designspace.model.ModelInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * The building blocks generated models call, as pycls's AnyNet builds them (see docs/algorithms.md,
 * "Network structure"): stems, vanilla (v), residual basic (r) and bottleneck (x, y) blocks, and
 * the head. Convolutions have no bias and pad symmetrically by (k - 1) / 2, also at stride 2
 * (explicit pad, then VALID); every BN is followed by the model's activation except the last of a
 * residual branch, which is added to the shortcut first.
 *
 * <p>Initialisation: conv kernels He-normal with fan-out k * k * out (groups not divided out), BN
 * gamma 1 and beta 0 (gamma 0 for the last BN of a residual branch with {@link
 * LayerOptions#zeroInitFinalGamma()}), dense weights normal(0, 0.01) and bias 0, SE conv biases
 * uniform(+-1 / sqrt(fan-in)) as PyTorch leaves them.
 */
public final class Layers {
  private final Ops tf;
  private final VariableStore store;
  private final ModelInfo info;
  private final Mode mode;
  private final LayerOptions options;

  /**
   * Op scopes of this build; the first build shares the store's, later ones live under a prefix.
   */
  private final Map<String, Ops> ownScopes;

  private final String prefix;
  private final List<Op> updates = new ArrayList<>();
  private final List<LayerRecord> records = new ArrayList<>();
  private final boolean silu;

  private Layers(
      Ops tf, VariableStore store, ModelInfo info, Mode mode, LayerOptions options, String prefix) {
    this.tf = tf;
    this.store = store;
    this.info = Objects.requireNonNull(info, "info");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.options = Objects.requireNonNull(options, "options");
    this.prefix = prefix;
    this.ownScopes = prefix.isEmpty() ? null : new HashMap<>();
    this.silu =
        switch (info.activation()) {
          case RELU -> false;
          case SILU -> true;
        };
  }

  /** A first build over a graph: creates the variables. */
  public static Layers create(Ops tf, ModelInfo info, Mode mode, LayerOptions options) {
    return new Layers(tf, new VariableStore(tf, options.seed()), info, mode, options, "");
  }

  /**
   * Another build over the same variables, its ops under {@code scope} (e.g. an inference branch
   * named {@code eval} in a training graph).
   */
  public Layers sharingVariables(Mode otherMode, String scope) {
    if (scope.isEmpty() || scope.contains("/")) {
      throw new IllegalArgumentException(
          "a shared build needs a one-level scope name, got '" + scope + "'");
    }
    return new Layers(tf, store, info, otherMode, options, scope);
  }

  /** Wraps the images operand (NHWC, float32, normalised) with the model's input shape. */
  public LayerOutput input(Operand<TFloat32> images) {
    return LayerOutput.featureMap(images, info.inputSize(), info.inputSize(), info.inputChannels());
  }

  public ModelInfo info() {
    return info;
  }

  public Mode mode() {
    return mode;
  }

  public VariableStore variables() {
    return store;
  }

  /** Moving-average updates of every BN of a training build, to run with each step. */
  public List<Op> updateOps() {
    return Collections.unmodifiableList(updates);
  }

  /** The layers built so far, in order, for a summary. */
  public List<LayerRecord> records() {
    return Collections.unmodifiableList(records);
  }

  // ---- stems ----------------------------------------------------------------------------------

  /** 3x3 conv stride 2, BN, activation (pycls simple_stem_in; the RegNet stem). */
  public LayerOutput simpleStem(LayerOutput images, int width) {
    return activation(
        "stem", bn("stem/bn", conv("stem/conv", images, width, 3, 2, 1, false), false));
  }

  /** 7x7 conv stride 2, BN, activation, 3x3 max pool stride 2 (pycls res_stem_in). */
  public LayerOutput resnetStem(LayerOutput images, int width) {
    LayerOutput x =
        activation("stem", bn("stem/bn", conv("stem/conv", images, width, 7, 2, 1, false), false));
    return maxPool("stem/pool", x, 3, 2);
  }

  /** 3x3 conv stride 1, BN, activation (pycls res_stem_cifar). */
  public LayerOutput cifarStem(LayerOutput images, int width) {
    return activation(
        "stem", bn("stem/bn", conv("stem/conv", images, width, 3, 1, 1, false), false));
  }

  // ---- blocks ---------------------------------------------------------------------------------

  /** V: 3x3 conv (stride), BN, act, 3x3 conv, BN, act; no residual. */
  public LayerOutput vanillaBlock(String scope, LayerOutput x, int width, int stride) {
    LayerOutput a =
        activation(
            scope + "/a",
            bn(scope + "/bn_a", conv(scope + "/conv_a", x, width, 3, stride, 1, false), false));
    return activation(
        scope + "/b",
        bn(scope + "/bn_b", conv(scope + "/conv_b", a, width, 3, 1, 1, false), false));
  }

  /** R: act(shortcut + [3x3 conv (stride), BN, act, 3x3 conv, BN]). */
  public LayerOutput residualBlock(String scope, LayerOutput x, int width, int stride) {
    LayerOutput shortcut = shortcut(scope, x, width, stride);
    LayerOutput a =
        activation(
            scope + "/a",
            bn(scope + "/bn_a", conv(scope + "/conv_a", x, width, 3, stride, 1, false), false));
    LayerOutput b = bn(scope + "/bn_b", conv(scope + "/conv_b", a, width, 3, 1, 1, false), true);
    return activation(scope + "/out", add(scope, shortcut, b));
  }

  /**
   * X (and Y with {@code seWidth > 0}): act(shortcut + [1x1 conv to the bottleneck width, BN, act,
   * 3x3 group conv (stride), BN, act, SE, 1x1 conv to {@code width}, BN]).
   *
   * @param bottleneckWidth width of the 3x3 group conv, w / b
   * @param groups groups of the 3x3 conv (bottleneck width / group width)
   * @param seWidth SE width, from the block's input width; 0 for none
   */
  public LayerOutput bottleneckBlock(
      String scope,
      LayerOutput x,
      int width,
      int stride,
      int bottleneckWidth,
      int groups,
      int seWidth) {
    if (groups < 1 || bottleneckWidth % groups != 0) {
      throw new IllegalArgumentException(
          scope
              + ": bottleneck width "
              + bottleneckWidth
              + " is not a multiple of "
              + groups
              + " groups");
    }
    LayerOutput shortcut = shortcut(scope, x, width, stride);
    LayerOutput a =
        activation(
            scope + "/a",
            bn(
                scope + "/bn_a",
                conv(scope + "/conv_a", x, bottleneckWidth, 1, 1, 1, false),
                false));
    LayerOutput b =
        activation(
            scope + "/b",
            bn(
                scope + "/bn_b",
                conv(scope + "/conv_b", a, bottleneckWidth, 3, stride, groups, false),
                false));
    if (seWidth > 0) {
      b = squeezeExcite(scope + "/se", b, seWidth);
    }
    LayerOutput c = bn(scope + "/bn_c", conv(scope + "/conv_c", b, width, 1, 1, 1, false), true);
    return activation(scope + "/out", add(scope, shortcut, c));
  }

  // ---- head -----------------------------------------------------------------------------------

  /** [1x1 conv to headWidth, BN, act,] global average pool, dense to the classes with bias. */
  public LayerOutput head(LayerOutput x, int headWidth, int classes) {
    if (headWidth > 0) {
      x = activation("head", bn("head/bn", conv("head/conv", x, headWidth, 1, 1, 1, false), false));
    }
    Ops pool = scope("head/pool");
    LayerOutput pooled =
        LayerOutput.features(
            pool.math.mean(x.operand(), pool.constant(new int[] {1, 2}), Mean.keepDims(false)),
            x.channels());
    records.add(new LayerRecord(name("head/pool"), "GlobalAvgPool", pooled.shapeText(), 0));
    Ops fc = scope("head/fc");
    Variable<TFloat32> kernel =
        store.variable(
            "head/fc",
            "kernel",
            Shape.of(pooled.channels(), classes),
            new VariableStore.Normal(0.01f),
            VariableStore.Kind.KERNEL);
    Variable<TFloat32> bias =
        store.variable(
            "head/fc",
            "bias",
            Shape.of(classes),
            new VariableStore.Constant(0f),
            VariableStore.Kind.BIAS);
    Operand<TFloat32> logits =
        root().withName("logits").math.add(fc.linalg.matMul(pooled.operand(), kernel), bias);
    LayerOutput out = LayerOutput.features(logits, classes);
    records.add(
        new LayerRecord(
            name("head/fc"), "Dense", out.shapeText(), kernel.shape().size() + classes));
    return out;
  }

  // ---- pieces ---------------------------------------------------------------------------------

  private LayerOutput shortcut(String scope, LayerOutput x, int width, int stride) {
    if (x.channels() == width && stride == 1) {
      return x;
    }
    return bn(scope + "/proj/bn", conv(scope + "/proj/conv", x, width, 1, stride, 1, false), false);
  }

  private LayerOutput squeezeExcite(String scope, LayerOutput x, int seWidth) {
    Ops s = scope(scope);
    Operand<TFloat32> pooled =
        s.math.mean(x.operand(), s.constant(new int[] {1, 2}), Mean.keepDims(true));
    LayerOutput squeezed = LayerOutput.featureMap(pooled, 1, 1, x.channels());
    LayerOutput reduced =
        activation(scope + "/reduce", conv(scope + "/reduce", squeezed, seWidth, 1, 1, 1, true));
    LayerOutput expanded = conv(scope + "/expand", reduced, x.channels(), 1, 1, 1, true);
    Operand<TFloat32> gated = s.math.mul(x.operand(), s.math.sigmoid(expanded.operand()));
    return LayerOutput.featureMap(gated, x.height(), x.width(), x.channels());
  }

  /**
   * Conv with pycls padding: symmetric (k - 1) / 2, then VALID; kernel [k, k, in / groups, out]. A
   * 1x1 conv of stride s is built as {@link #subsample} and a 1x1 conv of stride 1.
   */
  private LayerOutput conv(
      String path, LayerOutput x, int out, int k, int stride, int groups, boolean bias) {
    int in = x.channels();
    if (in % groups != 0 || out % groups != 0) {
      throw new IllegalArgumentException(
          path + ": " + in + " -> " + out + " channels do not split into " + groups + " groups");
    }
    Ops s = scope(path);
    Variable<TFloat32> kernel =
        store.variable(
            path,
            "kernel",
            Shape.of(k, k, in / groups, out),
            new VariableStore.Normal((float) Math.sqrt(2.0 / (k * k * out))),
            VariableStore.Kind.KERNEL);
    Operand<TFloat32> input = x.operand();
    int pad = (k - 1) / 2;
    if (pad > 0) {
      input =
          s.pad(
              input,
              s.constant(new int[][] {{0, 0}, {pad, pad}, {pad, pad}, {0, 0}}),
              s.constant(0f));
    }
    int convStride = stride;
    if (k == 1 && stride > 1) {
      input = subsample(s, input, x.height(), x.width(), in, stride);
      convStride = 1;
    }
    ConvShape shape = new ConvShape(x.height(), x.width(), in, out, k, stride, groups);
    ConvFormulation formulation =
        groups == 1 ? ConvFormulation.GROUPED : options.convChooser().choose(shape);
    Operand<TFloat32> y =
        GroupedConvolution.build(s, input, kernel, shape, convStride, formulation);
    long params = kernel.shape().size();
    if (bias) {
      Variable<TFloat32> b =
          store.variable(
              path,
              "bias",
              Shape.of(out),
              new VariableStore.Uniform((float) (1 / Math.sqrt(in / groups * k * k))),
              VariableStore.Kind.BIAS);
      y = s.nn.biasAdd(y, b);
      params += out;
    }
    LayerOutput result =
        LayerOutput.featureMap(y, (x.height() - 1) / stride + 1, (x.width() - 1) / stride + 1, out);
    records.add(
        new LayerRecord(
            name(path),
            groups > 1 ? "GroupConv2D(" + groups + ")" : "Conv2D",
            result.shapeText(),
            params));
    return result;
  }

  /**
   * {@code x[:, ::stride, ::stride, :]}, so that a 1x1 conv of stride s is built as this subsample
   * followed by a 1x1 conv of stride 1: the same kernel variable and the same outputs.
   *
   * <p>Why: the oneDNN kernel of the strided 1x1 conv's filter gradient (Conv2DBackpropFilter)
   * corrupts the native heap when the input has fewer than 16 channels and a row and column that
   * the stride leaves over at the end (an even height and width at stride 2, e.g. 8 channels at
   * 14x14, a projection shortcut into a wider stage); the JVM then aborts with "double free or
   * corruption" or a SIGSEGV at the next step. The forward conv and the input gradient are fine,
   * and so is the stride-1 conv. Every strided 1x1 conv takes this route, not only the shapes seen
   * to crash: it is no slower, and the crash's bounds are only known from the shapes tried.
   *
   * <p>How: pad the height and width at the end up to a multiple of the stride (the padding is
   * never sampled), reshape to [n, h / s, s, w / s, s * c] and keep offset 0 of both stride axes
   * with a Slice, whose gradient is a Pad. A StridedSlice does the same, but its gradient made the
   * step of the conv up to several times slower.
   */
  static Operand<TFloat32> subsample(
      Ops s, Operand<TFloat32> x, int height, int width, int channels, int stride) {
    Ops sub = s.withSubScope("subsample");
    int outH = (height - 1) / stride + 1;
    int outW = (width - 1) / stride + 1;
    int padH = outH * stride - height;
    int padW = outW * stride - width;
    Operand<TFloat32> y = x;
    if (padH > 0 || padW > 0) {
      y =
          sub.pad(
              y,
              sub.constant(new int[][] {{0, 0}, {0, padH}, {0, padW}, {0, 0}}),
              sub.constant(0f));
    }
    y = sub.reshape(y, sub.constant(new int[] {-1, outH, stride, outW, stride * channels}));
    y =
        sub.slice(
            y,
            sub.constant(new int[] {0, 0, 0, 0, 0}),
            sub.constant(new int[] {-1, outH, 1, outW, channels}));
    return sub.reshape(y, sub.constant(new int[] {-1, outH, outW, channels}));
  }

  private LayerOutput bn(String path, LayerOutput x, boolean finalBn) {
    Ops s = scope(path);
    int c = x.channels();
    float gammaStart = finalBn && options.zeroInitFinalGamma() ? 0f : 1f;
    Variable<TFloat32> gamma =
        store.variable(
            path,
            "gamma",
            Shape.of(c),
            new VariableStore.Constant(gammaStart),
            VariableStore.Kind.BN_GAMMA);
    Variable<TFloat32> beta =
        store.variable(
            path, "beta", Shape.of(c), new VariableStore.Constant(0f), VariableStore.Kind.BN_BETA);
    Variable<TFloat32> movingMean =
        store.variable(
            path,
            "moving_mean",
            Shape.of(c),
            new VariableStore.Constant(0f),
            VariableStore.Kind.MOVING_STATISTIC);
    Variable<TFloat32> movingVariance =
        store.variable(
            path,
            "moving_variance",
            Shape.of(c),
            new VariableStore.Constant(1f),
            VariableStore.Kind.MOVING_STATISTIC);
    Operand<TFloat32> y;
    if (mode == Mode.TRAINING) {
      Operand<TFloat32> empty = s.constant(new float[0]);
      FusedBatchNorm<TFloat32, TFloat32> norm =
          s.nn.fusedBatchNorm(
              x.operand(),
              gamma,
              beta,
              empty,
              empty,
              FusedBatchNorm.epsilon(options.bnEpsilon()),
              FusedBatchNorm.isTraining(true));
      y = norm.y();
      Operand<TFloat32> m = s.constant(options.bnMomentum());
      Operand<TFloat32> oneMinusM = s.constant(1f - options.bnMomentum());
      updates.add(
          s.assign(
              movingMean,
              s.math.add(s.math.mul(movingMean, m), s.math.mul(norm.batchMean(), oneMinusM))));
      updates.add(
          s.assign(
              movingVariance,
              s.math.add(
                  s.math.mul(movingVariance, m), s.math.mul(norm.batchVariance(), oneMinusM))));
    } else {
      y =
          s.nn
              .fusedBatchNorm(
                  x.operand(),
                  gamma,
                  beta,
                  movingMean,
                  movingVariance,
                  FusedBatchNorm.epsilon(options.bnEpsilon()),
                  FusedBatchNorm.isTraining(false))
              .y();
    }
    records.add(new LayerRecord(name(path), "BatchNorm", x.shapeText(), 2L * c));
    return LayerOutput.featureMap(y, x.height(), x.width(), c);
  }

  private LayerOutput maxPool(String path, LayerOutput x, int k, int stride) {
    Ops s = scope(path);
    int pad = (k - 1) / 2;
    Operand<TFloat32> padded =
        s.pad(
            x.operand(),
            s.constant(new int[][] {{0, 0}, {pad, pad}, {pad, pad}, {0, 0}}),
            s.constant(-Float.MAX_VALUE));
    Operand<TFloat32> y =
        s.nn.maxPool(
            padded,
            s.constant(new int[] {1, k, k, 1}),
            s.constant(new int[] {1, stride, stride, 1}),
            "VALID");
    LayerOutput out =
        LayerOutput.featureMap(
            y, (x.height() - 1) / stride + 1, (x.width() - 1) / stride + 1, x.channels());
    records.add(new LayerRecord(name(path), "MaxPool", out.shapeText(), 0));
    return out;
  }

  private LayerOutput add(String scope, LayerOutput shortcut, LayerOutput branch) {
    if (shortcut.channels() != branch.channels() || shortcut.height() != branch.height()) {
      throw new IllegalStateException(
          scope + ": shortcut " + shortcut.shapeText() + " does not match " + branch.shapeText());
    }
    Ops s = scope(scope);
    return LayerOutput.featureMap(
        s.math.add(shortcut.operand(), branch.operand()),
        branch.height(),
        branch.width(),
        branch.channels());
  }

  private LayerOutput activation(String path, LayerOutput x) {
    Ops s = scope(path);
    Operand<TFloat32> y =
        silu ? s.math.mul(x.operand(), s.math.sigmoid(x.operand())) : s.nn.relu(x.operand());
    return x.isFeatureMap()
        ? LayerOutput.featureMap(y, x.height(), x.width(), x.channels())
        : LayerOutput.features(y, x.channels());
  }

  // ---- scopes ---------------------------------------------------------------------------------

  private Ops root() {
    return prefix.isEmpty() ? tf : scope("");
  }

  private String name(String path) {
    return prefix.isEmpty() ? path : prefix + "/" + path;
  }

  /** Op scope for a path: the store's for the first build (so names match the variables'). */
  private Ops scope(String path) {
    if (ownScopes == null) {
      return store.scope(path);
    }
    String key = path;
    Ops cached = ownScopes.get(key);
    if (cached != null) {
      return cached;
    }
    Ops created;
    if (path.isEmpty()) {
      created = tf.withSubScope(prefix);
    } else {
      int slash = path.lastIndexOf('/');
      created =
          scope(slash < 0 ? "" : path.substring(0, slash)).withSubScope(path.substring(slash + 1));
    }
    ownScopes.put(key, created);
    return created;
  }
}
