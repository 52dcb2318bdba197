package dev.designspace.runtime.sweep;

import java.util.Objects;

/**
 * One model of a sweep, as its manifest lists it.
 *
 * @param position its place in the manifest: the Slurm array task index
 * @param id the model's name (results are keyed by it)
 * @param className the simple class name; the model's run directory is {@code models/className}
 * @param qualifiedClass the generated class
 * @param source the generated source, relative to the sweep's {@code src/}
 */
public record SweepModel(int position, String id, String className, String qualifiedClass, String source, long flops,
    long params, long acts) {
  public SweepModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(qualifiedClass, "qualifiedClass");
    Objects.requireNonNull(source, "source");
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0");
    }
  }
}
