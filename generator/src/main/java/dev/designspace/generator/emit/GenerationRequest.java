package dev.designspace.generator.emit;

import dev.designspace.command.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code gen} does: the specs, how many models to sample from each sampled space and with
 * which seed, the package and where to write.
 *
 * @param specs the spec files to read
 * @param specNames how the generated sources name each spec, index for index: decided by the front
 *     end ({@link SpecNames}) and never read from {@code specs}, so that the bytes do not depend on
 *     the folder the build runs in
 * @param count models per sampled space (fixed-model specs emit all their models)
 */
public record GenerationRequest(
    List<Path> specs,
    List<String> specNames,
    int count,
    long seed,
    String packageName,
    Path outDir) {

  public static final String DEFAULT_PACKAGE = "dev.designspace.models";

  public GenerationRequest {
    specs = List.copyOf(specs);
    specNames = List.copyOf(specNames);
    if (specs.isEmpty()) {
      throw new BadInputException("name at least one spec");
    }
    // a front end's mistake, not the user's
    if (specNames.size() != specs.size()) {
      throw new IllegalArgumentException(
          specs.size() + " specs but " + specNames.size() + " spec names: name each spec once");
    }
    if (specNames.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("blank spec name in " + specNames);
    }
    if (count < 1) {
      throw new BadInputException("the number of models must be >= 1, got " + count);
    }
    JavaNames.requirePackageName(packageName);
    Objects.requireNonNull(outDir, "outDir");
  }

  /** A request that names each spec as given ({@link SpecNames#asGiven}), as {@code gen} does. */
  public GenerationRequest(
      List<Path> specs, int count, long seed, String packageName, Path outDir) {
    this(specs, specs.stream().map(SpecNames::asGiven).toList(), count, seed, packageName, outDir);
  }

  /**
   * The command line that reproduces this request, quoted in generated Javadoc: with the spec
   * names, so it holds no more of the build machine than they do.
   */
  public String command(boolean anySampled) {
    StringBuilder sb = new StringBuilder("designspace gen");
    for (String spec : specNames) {
      sb.append(' ').append(spec);
    }
    if (anySampled) {
      sb.append(" -n ").append(count).append(" --seed ").append(seed);
    }
    sb.append(" --package ").append(packageName);
    return sb.toString();
  }
}
