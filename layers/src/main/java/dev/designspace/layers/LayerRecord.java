package dev.designspace.layers;

/**
 * One layer of a build, for a Keras-style summary.
 *
 * @param name scope path, e.g. {@code stage2/block1/conv_b}
 * @param type {@code Conv2D}, {@code BatchNorm}, {@code MaxPool}, {@code SE}, {@code
 *     GlobalAvgPool}, {@code Dense}, ...
 * @param params trainable parameters the layer created
 */
public record LayerRecord(String name, String type, String outputShape, long params) {}
