package dev.designspace.runtime.train;

import dev.designspace.layers.LayerOptions;
import dev.designspace.layers.LayerOutput;
import dev.designspace.layers.Layers;
import dev.designspace.layers.Mode;
import dev.designspace.layers.Network;
import dev.designspace.layers.Normalisation;
import dev.designspace.layers.VariableStore;
import dev.designspace.model.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training graph of one model: raw 0-255 pixels in, normalised inside the graph; a training
 * build and an inference build ({@code eval/...}) over the same variables; softmax cross-entropy
 * with optional label smoothing; the gradients clipped by their global norm when the recipe says
 * so; weight decay added to the gradients; Nesterov momentum with the learning rate fed per step;
 * BN moving averages updated with every step.
 */
final class TrainingGraph implements AutoCloseable {
  final Graph graph;
  final Placeholder<TFloat32> images;
  final Placeholder<TInt32> labels;
  final Placeholder<TFloat32> learningRate;
  final Operand<TFloat32> loss;
  final Operand<TFloat32> trainLogits;
  final Operand<TFloat32> evalLogits;
  final Op trainStep;
  final Layers layers;

  /**
   * Names of the trainable variables, and the gradients applied to them (clipped when the recipe
   * clips), in order.
   */
  final List<String> trainableNames;

  final List<Operand<TFloat32>> gradients;

  TrainingGraph(Network network, float[] mean, float[] std, TrainOptions options) {
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      ModelInfo info = network.info();
      images =
          tf.withName("images")
              .placeholder(
                  TFloat32.class,
                  Placeholder.shape(
                      Shape.of(-1, info.inputSize(), info.inputSize(), info.inputChannels())));
      labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      learningRate =
          tf.withName("learning_rate")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      Operand<TFloat32> normalised = Normalisation.apply(tf, images, mean, std);

      LayerOptions layerOptions =
          LayerOptions.DEFAULTS
              .withSeed(options.trainSeed())
              .withConvChooser(options.convImpl().chooser(options.batchSize(), options.threads()));
      layers = Layers.create(tf, info, Mode.TRAINING, layerOptions);
      LayerOutput logits = network.build(layers, layers.input(normalised));
      trainLogits = logits.operand();
      Layers eval = layers.sharingVariables(Mode.INFERENCE, "eval");
      evalLogits = network.build(eval, eval.input(normalised)).operand();

      Ops lossScope = tf.withSubScope("loss");
      float smoothing = (float) options.labelSmoothing();
      Operand<TFloat32> target =
          lossScope.oneHot(
              labels,
              lossScope.constant(info.classes()),
              lossScope.constant(1f - smoothing + smoothing / info.classes()),
              lossScope.constant(smoothing / info.classes()));
      loss =
          lossScope
              .withName("mean")
              .math
              .mean(
                  lossScope.nn.softmaxCrossEntropyWithLogits(trainLogits, target).loss(),
                  lossScope.constant(0));

      VariableStore store = layers.variables();
      List<Variable<TFloat32>> trainable = store.trainable();
      var gradients = tf.gradients(loss, trainable);
      Ops opt = tf.withSubScope("optimizer");
      Operand<TFloat32> momentum = opt.constant((float) options.momentum());
      Operand<TFloat32> decay = opt.constant((float) options.weightDecay());
      List<Op> updates = new ArrayList<>(layers.updateOps());
      // Ref variables are read when an op runs: without this, an update could land before another
      // backward op (Conv2DBackpropInput) has read the same kernel. Every update waits for every
      // gradient.
      List<Op> allGradients = new ArrayList<>();
      List<Operand<TFloat32>> grads = new ArrayList<>();
      for (int i = 0; i < trainable.size(); i++) {
        Identity<TFloat32> g = opt.identity(gradients.<TFloat32>dy(i));
        allGradients.add(g);
        grads.add(g);
      }
      double clip = options.recipe().gradientClipNorm();
      if (clip > 0) {
        List<Identity<TFloat32>> clipped = clippedByGlobalNorm(opt, grads, (float) clip);
        grads = new ArrayList<>(clipped);
        allGradients = new ArrayList<>(clipped);
      }
      // through one barrier op: n + m control edges instead of n x m
      Op gradientsReady =
          opt.withControlDependencies(allGradients).withName("gradients_ready").noOp();
      Ops apply = opt.withControlDependencies(List.of(gradientsReady));
      List<String> names = new ArrayList<>();
      for (Map.Entry<String, Variable<TFloat32>> e : store.all().entrySet()) {
        if (trainable.contains(e.getValue())) {
          names.add(e.getKey());
        }
      }
      trainableNames = List.copyOf(names);
      this.gradients = List.copyOf(grads);
      for (int i = 0; i < trainable.size(); i++) {
        Variable<TFloat32> v = trainable.get(i);
        String name = names.get(i);
        Operand<TFloat32> grad = grads.get(i);
        boolean decays =
            options.weightDecay() > 0
                && (options.decayAll() || store.kind(name) == VariableStore.Kind.KERNEL);
        if (decays) {
          // read the variable through identity: a direct ref read in the gradient path crashes TF
          // 2.18
          grad = opt.math.add(grad, opt.math.mul(decay, opt.identity(v)));
        }
        Variable<TFloat32> accumulator = store.optimizerSlot(name, "momentum");
        updates.add(
            apply.train.applyMomentum(
                v, accumulator, learningRate, grad, momentum, ApplyMomentum.useNesterov(true)));
      }
      trainStep = tf.withControlDependencies(updates).withName("train_step").noOp();
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * The gradients scaled by min(1, clip / global norm), the global norm taken over all of them
   * together (so their directions stay, only a step that would be too long is shortened).
   */
  static List<Identity<TFloat32>> clippedByGlobalNorm(
      Ops tf, List<Operand<TFloat32>> grads, float clip) {
    Ops s = tf.withSubScope("clip");
    Operand<TFloat32> squares = null;
    for (Operand<TFloat32> g : grads) {
      Operand<TFloat32> sum =
          s.reduceSum(s.math.square(g), s.range(s.constant(0), s.rank(g), s.constant(1)));
      squares = squares == null ? sum : s.math.add(squares, sum);
    }
    Operand<TFloat32> limit = s.constant(clip);
    Operand<TFloat32> factor =
        s.withName("factor").math.div(limit, s.math.maximum(s.math.sqrt(squares), limit));
    List<Identity<TFloat32>> clipped = new ArrayList<>();
    for (Operand<TFloat32> g : grads) {
      clipped.add(s.identity(s.math.mul(g, factor)));
    }
    return clipped;
  }

  @Override
  public void close() {
    graph.close();
  }
}
