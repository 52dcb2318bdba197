/**
 * The benchmarks behind BENCHMARKS.md, apart from the production code they measure: the hidden
 * {@code bench} command (training throughput, the step split, sweep designs side by side) and
 * {@code bench-decisions} (the sequential design against fixed sample sizes, replayed on two
 * sweeps' errors). The trainer's own step timing stays in the training package, whose internals it
 * drives.
 */
package dev.designspace.runtime.bench;
