/**
 * The layer API that generated model classes call: {@link dev.designspace.layers.Network} (what a
 * generated class implements; its static {@code INFO} is a {@link dev.designspace.model.ModelInfo}
 * from {@code designspace-model}) and {@link dev.designspace.layers.Layers}, the stems, blocks (v,
 * r, x, y) and head of pycls's AnyNet built as a TensorFlow graph, NHWC float32. Padding,
 * initialisation and structure follow pycls exactly, so the graph has the parameters the complexity
 * code counts. Variables are named hierarchically ({@code stage2/block3/conv_b/kernel}) and shared
 * between a training and an inference build, so checkpoints and SavedModels read the same.
 */
package dev.designspace.layers;
