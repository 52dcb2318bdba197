/**
 * The next design space from a finished sweep, the paper's refinement step: read the sweep's models
 * and errors, test each candidate restriction (a parameter's bootstrap good range, a value shared
 * across stages, values increasing across stages) with a two-sample test between the models that
 * satisfy it and those that do not, and write the supported ones as a spec that extends the swept
 * one, each with its evidence as a comment. docs/sweeps.md has the rules and criteria. No
 * TensorFlow.
 */
package dev.designspace.runtime.refine;
