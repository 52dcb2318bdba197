/**
 * SavedModel export and loading: a fresh inference graph built from a run's generated source,
 * restored from its checkpoint, with raw 0-255 pixels in ({@code images}) and {@code logits} and
 * {@code probabilities} out under the {@code serving_default} signature; no optimiser state and no
 * dataset inside.
 */
package dev.designspace.runtime.export;
