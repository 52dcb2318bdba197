package dev.designspace.runtime.sweep;

import java.util.Objects;

/**
 * One model of a sweep, as its manifest lists it.
 *
 * @param position its place in the manifest: the Slurm array task index
 * @param id the model's id in the manifest: its simple class name, also its run directory {@code
 *     models/ID}
 * @param name the model's name, as its result.json and the report call it
 * @param qualifiedClass the generated class
 * @param source the generated source, relative to the sweep's {@code src/}
 */
public record SweepModel(
    int position,
    String id,
    String name,
    String qualifiedClass,
    String source,
    long flops,
    long params,
    long acts) {
  public SweepModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(qualifiedClass, "qualifiedClass");
    Objects.requireNonNull(source, "source");
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0");
    }
    if (!id.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
      throw new IllegalArgumentException("a model id is a Java class name, got '" + id + "'");
    }
  }
}
