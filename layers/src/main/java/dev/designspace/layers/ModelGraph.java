package dev.designspace.layers;

import dev.designspace.model.ModelInfo;
import java.util.Iterator;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A network built in a fresh graph: an {@code images} placeholder [-1, H, W, C] in, the logits out.
 * The caller closes it (the graph holds native memory).
 */
public final class ModelGraph implements AutoCloseable {
  /** Name of the input placeholder. */
  public static final String IMAGES = "images";

  private final Graph graph;
  private final Placeholder<TFloat32> images;
  private final LayerOutput logits;
  private final Layers layers;

  private ModelGraph(Graph graph, Placeholder<TFloat32> images, LayerOutput logits, Layers layers) {
    this.graph = graph;
    this.images = images;
    this.logits = logits;
    this.layers = layers;
  }

  public static ModelGraph build(Network network, Mode mode, LayerOptions options) {
    Graph graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      ModelInfo info = network.info();
      Placeholder<TFloat32> images =
          tf.withName(IMAGES)
              .placeholder(
                  TFloat32.class,
                  Placeholder.shape(
                      Shape.of(-1, info.inputSize(), info.inputSize(), info.inputChannels())));
      Layers layers = Layers.create(tf, info, mode, options);
      LayerOutput logits = network.build(layers, layers.input(images));
      if (logits.isFeatureMap() || logits.channels() != info.classes()) {
        throw new IllegalStateException(
            info.name()
                + ": build returned "
                + logits.shapeText()
                + ", expected logits (None, "
                + info.classes()
                + ")");
      }
      return new ModelGraph(graph, images, logits, layers);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  public Graph graph() {
    return graph;
  }

  public Placeholder<TFloat32> images() {
    return images;
  }

  public LayerOutput logits() {
    return logits;
  }

  public Layers layers() {
    return layers;
  }

  /**
   * Trainable parameters counted from the graph itself: the sizes of all its variables except BN
   * moving statistics.
   */
  public static long trainableParameters(Graph graph) {
    return countVariables(graph, true);
  }

  /** BN moving means and variances: Keras's non-trainable parameters. */
  public static long nonTrainableParameters(Graph graph) {
    return countVariables(graph, false);
  }

  private static long countVariables(Graph graph, boolean trainable) {
    long total = 0;
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals("VariableV2") || op.type().equals("VarHandleOp")) {
        if (op.name().endsWith("_momentum")) {
          continue; // optimiser state is no parameter
        }
        boolean moving =
            op.name().endsWith("/moving_mean") || op.name().endsWith("/moving_variance");
        if (moving != trainable) {
          total += op.output(0).shape().size();
        }
      }
    }
    return total;
  }

  @Override
  public void close() {
    graph.close();
  }
}
