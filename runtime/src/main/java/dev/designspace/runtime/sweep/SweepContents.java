package dev.designspace.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.designspace.command.BadInputException;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFileReader;
import dev.designspace.runtime.runfiles.RunStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A sweep directory as read at one moment, the one reader of it that the report, refine, study,
 * status and Slurm use: its spec as written ({@code spec.yaml}, extends applied) and as a typed
 * design space, its manifest when it has one, and every model's result.
 *
 * @param specYaml the text of {@code spec.yaml}; empty when the directory has none
 * @param space the spec as a design space; empty without {@code spec.yaml}, or when this version no
 *     longer accepts it (a report still reads the results)
 * @param directoryFiles the manifest and models of a sweep this tool prepared; empty for a
 *     directory that only holds results
 * @param results one per model with a {@code result.json}, in the order of their run directories
 */
public record SweepContents(
    Path directory,
    String specYaml,
    Optional<DesignSpace> space,
    String name,
    String description,
    Optional<SweepDirectory> directoryFiles,
    List<ModelResult> results) {

  /** The swept spec in a sweep directory, with its extends applied. */
  public static final String SPEC = "spec.yaml";

  public SweepContents {
    results = List.copyOf(results);
  }

  /** Reads {@code dir}; a directory without results reads as a sweep with none. */
  public static SweepContents read(Path dir) throws IOException {
    Path specFile = dir.resolve(SPEC);
    String yaml =
        Files.isRegularFile(specFile) ? Files.readString(specFile, StandardCharsets.UTF_8) : "";
    Optional<DesignSpace> space = Optional.empty();
    if (!yaml.isEmpty()) {
      try {
        space = Optional.of(SpecLoader.load(specFile, yaml));
      } catch (BadInputException e) {
        // a spec an older version wrote and this one refuses: its results still read
      }
    }
    Optional<SweepDirectory> files =
        Files.isRegularFile(dir.resolve(SourceGeneration.MANIFEST))
            ? Optional.of(SweepDirectory.open(dir))
            : Optional.empty();
    List<ModelResult> results = new ArrayList<>();
    Path models = dir.resolve(SweepDirectory.MODELS);
    if (Files.isDirectory(models)) {
      try (Stream<Path> entries = Files.list(models)) {
        for (Path m : entries.sorted().toList()) {
          RunFileReader.resultIn(m).ifPresent(results::add);
        }
      }
    }
    JsonNode written =
        space.isPresent() || yaml.isEmpty() ? MissingNode.getInstance() : fields(yaml);
    String name =
        space.map(DesignSpace::name).orElse(written.path("name").asText(directoryName(dir)));
    String description =
        space.map(DesignSpace::description).orElse(written.path("description").asText(""));
    return new SweepContents(dir, yaml, space, name, description, files, results);
  }

  /** The top-level fields of a spec this version does not accept as a design space, if any. */
  private static JsonNode fields(String yaml) {
    try {
      JsonNode tree = YAML.readTree(yaml);
      return tree == null ? MissingNode.getInstance() : tree;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The results with {@code status}, in the order of {@link #results}. */
  public List<ModelResult> withStatus(RunStatus status) {
    return results.stream().filter(r -> r.status() == status).toList();
  }

  /** The models that trained to the end: the only ones with an error to compare. */
  public List<ModelResult> done() {
    return withStatus(RunStatus.DONE);
  }

  /** The done model with the lowest error (the first of equal ones). */
  public Optional<ModelResult> best() {
    return done().stream().min(Comparator.comparingDouble(ModelResult::error));
  }

  /** The lowest error of a done model; NaN when none is done. */
  public double bestError() {
    return best().map(ModelResult::error).orElse(Double.NaN);
  }

  /**
   * The failed models whose failure says nothing about them (lost to their environment, or
   * interrupted): a rerun trains them again.
   */
  public List<ModelResult> lost() {
    return withStatus(RunStatus.FAILED).stream().filter(r -> r.cause().retriedOnResume()).toList();
  }

  /** "id (cause): message" of each failed model. */
  public List<String> failures() {
    return withStatus(RunStatus.FAILED).stream()
        .map(r -> r.id() + " (" + r.cause().fileName() + "): " + r.message())
        .toList();
  }

  private static String directoryName(Path directory) {
    Path name = directory.toAbsolutePath().normalize().getFileName();
    return name == null ? "" : name.toString();
  }
}
