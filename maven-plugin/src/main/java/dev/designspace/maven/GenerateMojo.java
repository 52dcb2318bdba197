package dev.designspace.maven;

import dev.designspace.command.BadInputException;
import dev.designspace.command.VersionProvider;
import dev.designspace.generator.emit.GenerationRequest;
import dev.designspace.generator.emit.GenerationResult;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.generator.emit.SpecNames;
import dev.designspace.generator.sampling.SamplingException;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecException;
import dev.designspace.generator.spec.SpecLoader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates one Java class per model of the given specs (fixed models, or {@code samples} models
 * sampled with {@code seed} from each design space) into {@code outputDirectory}, and adds that
 * directory as a compile source root. The classes implement {@code dev.designspace.layers.Network}:
 * depend on {@code dev.designspace:designspace-layers} (TensorFlow and the model description, no
 * tool libraries) to compile them.
 *
 * <p>Incremental: when the resolved specs, options and generator version are unchanged since the
 * last successful run, nothing is done; otherwise only files whose bytes change are written. A
 * snapshot generator also counts its code, since a rebuilt snapshot keeps its version.
 *
 * <p>Reproducible: generated sources name each spec by its path relative to the project's base
 * directory ({@code ../} for a spec outside it, '/' separators), never by an absolute path, so
 * clones in different folders, on any OS, generate the same bytes.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {
  static final String FINGERPRINT = ".designspace-fingerprint";

  /**
   * Spec files (YAML), or directories whose {@code *.yaml} and {@code *.yml} files are all taken
   * (not recursively; files that only serve as {@code extends} bases can live elsewhere).
   */
  @Parameter(defaultValue = "${project.basedir}/src/main/designspace")
  List<File> specs;

  /** Where the generated sources go; added as a compile source root. */
  @Parameter(
      defaultValue = "${project.build.directory}/generated-sources/designspace",
      required = true)
  File outputDirectory;

  /** Package of the generated classes. */
  @Parameter(defaultValue = GenerationRequest.DEFAULT_PACKAGE, required = true)
  String packageName;

  /**
   * Models to sample from each sampled design space (fixed-model specs generate all their models).
   */
  @Parameter(defaultValue = "10")
  int samples;

  /** Sampling seed: the same seed gives the same models on any machine. */
  @Parameter(defaultValue = "0")
  long seed;

  /** Skip generation. */
  @Parameter(property = "designspace.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** What generated sources name their specs relative to. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File baseDirectory;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("designspace: skipped");
      return;
    }
    List<Path> files = specFiles();
    Path out = outputDirectory.toPath();
    if (project != null) {
      project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    }
    if (files.isEmpty()) {
      getLog().info("designspace: no spec files in " + specs);
      return;
    }
    long start = System.nanoTime();
    try {
      GenerationRequest request =
          new GenerationRequest(files, specNames(files), samples, seed, packageName, out);
      String fingerprint = fingerprint(request);
      Path stamp = out.resolve(FINGERPRINT);
      if (Files.isRegularFile(stamp)
          && Files.readString(stamp, StandardCharsets.UTF_8).equals(fingerprint)
          && Files.isRegularFile(out.resolve(SourceGeneration.MANIFEST))) {
        getLog()
            .info(
                String.format(
                    "designspace: sources are up to date (%d specs, checked in %d ms)",
                    files.size(), (System.nanoTime() - start) / 1_000_000));
        return;
      }
      GenerationResult result = SourceGeneration.generate(request);
      getLog()
          .info(
              String.format(
                  "designspace: %d models from %d specs into %s (%d files written, %d unchanged,"
                      + " %d removed) in %d ms",
                  result.models().size(),
                  files.size(),
                  out,
                  result.written().size(),
                  result.unchanged().size(),
                  result.removed().size(),
                  (System.nanoTime() - start) / 1_000_000));
      Files.writeString(stamp, fingerprint, StandardCharsets.UTF_8); // only after success
    } catch (SpecException | SamplingException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (BadInputException e) {
      // the plugin's configuration (a package name, a count): the user's to fix
      throw new MojoFailureException("designspace: " + e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      throw new MojoExecutionException(
          "designspace: cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  /** The spec files named directly or found in named directories, sorted, de-duplicated. */
  List<Path> specFiles() throws MojoFailureException {
    List<Path> files = new ArrayList<>();
    for (File f : specs) {
      Path p = f.toPath();
      if (Files.isDirectory(p)) {
        try (Stream<Path> entries = Files.list(p)) {
          entries
              .filter(e -> e.toString().endsWith(".yaml") || e.toString().endsWith(".yml"))
              .filter(Files::isRegularFile)
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new MojoFailureException("designspace: cannot list " + p + ": " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else if (!isDefaultDirectory(f)) {
        throw new MojoFailureException("designspace: spec " + p + " does not exist");
      }
    }
    return files.stream().distinct().toList();
  }

  /** Each spec as generated sources name it: relative to the base directory. */
  List<String> specNames(List<Path> files) {
    Path base = baseDirectory.toPath();
    return files.stream().map(file -> SpecNames.relativeTo(base, file)).toList();
  }

  private boolean isDefaultDirectory(File f) {
    return project != null
        && f.toPath().equals(project.getBasedir().toPath().resolve("src/main/designspace"));
  }

  /**
   * SHA-256 of what determines the output: the resolved specs (extends applied, so a change in a
   * base file counts) under their names, the options and the generator version. Like the sources,
   * it holds no absolute path: a clone in another folder generates the same bytes, so it is just as
   * up to date.
   */
  String fingerprint(GenerationRequest request) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      StringBuilder input = new StringBuilder();
      String version = VersionProvider.version();
      input.append("generator ").append(version).append('\n');
      if (version.endsWith("-SNAPSHOT")) {
        input.append("generator code ").append(generatorCodeDigest()).append('\n');
      }
      input
          .append("package ")
          .append(packageName)
          .append("\nsamples ")
          .append(samples)
          .append("\nseed ")
          .append(seed)
          .append('\n');
      for (int i = 0; i < request.specs().size(); i++) {
        String name = request.specNames().get(i);
        DesignSpace space = namedAs(SpecLoader.load(request.specs().get(i)), name);
        input.append(name).append('\n').append(space).append('\n');
      }
      return HexFormat.of()
          .formatHex(digest.digest(input.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code space} recording {@code name} as its source instead of the path it was read from. */
  private static DesignSpace namedAs(DesignSpace space, String name) {
    return new DesignSpace(
        space.name(),
        space.description(),
        name,
        space.network(),
        space.search(),
        space.constraints(),
        space.models());
  }

  /**
   * SHA-256 of the generator's jar, or of every file of its classes directory in a reactor build.
   */
  private static String generatorCodeDigest() throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    CodeSource source = SourceGeneration.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return "unknown";
    }
    Path code;
    try {
      code = Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      return "unknown";
    }
    if (Files.isRegularFile(code)) {
      digest.update(Files.readAllBytes(code));
    } else if (Files.isDirectory(code)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(code)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        digest.update(code.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(f));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
