package dev.designspace.layers;

/** How batch normalisation behaves in a build. */
public enum Mode {
  /** Normalise with batch statistics and produce moving-average update ops. */
  TRAINING,
  /** Normalise with the moving averages. */
  INFERENCE
}
