package dev.designspace.generator.emit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code gen} does: the specs, how many models to sample from each sampled space and with
 * which seed, the package and where to write.
 *
 * @param count models per sampled space (fixed-model specs emit all their models)
 */
public record GenerationRequest(
    List<Path> specs, int count, long seed, String packageName, Path outDir) {

  public static final String DEFAULT_PACKAGE = "dev.designspace.models";

  public GenerationRequest {
    specs = List.copyOf(specs);
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("name at least one spec");
    }
    if (count < 1) {
      throw new IllegalArgumentException("the number of models must be >= 1, got " + count);
    }
    JavaNames.requirePackageName(packageName);
    Objects.requireNonNull(outDir, "outDir");
  }

  /** The command line that reproduces this request, quoted in generated Javadoc. */
  public String command(boolean anySampled) {
    StringBuilder sb = new StringBuilder("designspace gen");
    for (Path spec : specs) {
      sb.append(' ').append(spec);
    }
    if (anySampled) {
      sb.append(" -n ").append(count).append(" --seed ").append(seed);
    }
    sb.append(" --package ").append(packageName);
    return sb.toString();
  }
}
