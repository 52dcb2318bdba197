/**
 * The one description of a model shared by the generator, the layer API and the runtime: stem,
 * block and activation types, stages, RegNet parameters, {@link dev.designspace.model.ModelInfo}
 * (what every generated class exposes as its static {@code INFO}) and its JSON shape ({@link
 * dev.designspace.model.ModelInfoJson}). No TensorFlow and no tool libraries, so code that only
 * uses generated models does not pull them.
 */
package dev.designspace.model;
