package dev.designspace.layers;

import dev.designspace.model.ModelInfo;

/**
 * A model: generated classes implement this, one per sampled or fixed model, and lay the network
 * out block by block in {@link #build}.
 */
public interface Network {

  /** The model's metadata (the generated class's static {@code INFO}). */
  ModelInfo info();

  /**
   * Builds the network on {@code layers} from {@code images} (NHWC, normalised) and returns the
   * logits, shape [batch, classes].
   */
  LayerOutput build(Layers layers, LayerOutput images);
}
