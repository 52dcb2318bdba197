/**
 * Sweeps that run until their comparison is decided: the design spaces are trained in rounds, every
 * space a sweep that grows by a round of models, and after each round every open comparison is
 * looked at group-sequentially ({@code analysis.SequentialComparison}); the run stops when every
 * question is answered, at the most models allowed, or when the wall-time budget would end before
 * the next round. Each look is recorded in {@code looks.json}, so a rerun continues from the last
 * look. No TensorFlow: the models train in the sweeps' worker processes.
 */
package dev.designspace.runtime.sequential;
