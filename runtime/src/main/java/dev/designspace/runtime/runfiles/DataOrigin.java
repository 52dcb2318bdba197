package dev.designspace.runtime.runfiles;

/**
 * What a run records of its data: its name, where it came from, and the per-channel mean and
 * standard deviation the graph normalises with (which {@code export} builds into the model).
 */
public record DataOrigin(String name, String source, float[] mean, float[] std) {}
