package dev.designspace.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.generator.emit.AtomicFiles;
import dev.designspace.generator.emit.GenerationRequest;
import dev.designspace.generator.emit.GenerationResult;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.compile.ModelCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A sweep's directory, shared by every launcher and every worker: {@code spec.yaml} (extends
 * applied), {@code src/} with the generated sources, {@code manifest.json}, {@code classes/} (the
 * sources compiled once) and {@code models/CLASS/}, one run directory per model.
 */
public final class SweepDirectory {
  public static final String MODELS = "models";
  public static final String SOURCES = "src";
  public static final String CLASSES = "classes";
  public static final String SPEC = "spec.yaml";
  public static final String RESULT = "result.json";
  /** Hash of the sources {@code classes/} was compiled from: unchanged sources are not recompiled. */
  static final String CLASSES_STAMP = ".sources.sha256";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final List<SweepModel> models;

  private SweepDirectory(Path dir, List<SweepModel> models) {
    this.dir = dir;
    this.models = List.copyOf(models);
  }

  /**
   * Writes {@code spec.yaml}, generates the sources of {@code count} models sampled with
   * {@code seed} and compiles them (only when they changed, so that tasks already running keep
   * their classes). Rerunning it on an existing sweep changes nothing.
   */
  public static SweepDirectory prepare(Path spec, int count, long seed, Path dir) throws IOException {
    Files.createDirectories(dir.resolve(MODELS));
    AtomicFiles.write(dir.resolve(SPEC), SpecLoader.resolvedYaml(spec).getBytes(StandardCharsets.UTF_8));
    GenerationResult generated = SourceGeneration.generate(new GenerationRequest(List.of(spec), count, seed,
        GenerationRequest.DEFAULT_PACKAGE, dir.resolve(SOURCES)));
    AtomicFiles.write(dir.resolve(SourceGeneration.MANIFEST), Files.readAllBytes(generated.manifest()));
    SweepDirectory sweep = open(dir);
    sweep.compile();
    return sweep;
  }

  /** A prepared sweep: reads its manifest. */
  public static SweepDirectory open(Path dir) throws IOException {
    Path manifest = dir.resolve(SourceGeneration.MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new SweepException(dir + " is not a sweep directory (no " + SourceGeneration.MANIFEST
          + "); sweep a spec into it first");
    }
    JsonNode json = JSON.readTree(manifest.toFile());
    List<SweepModel> models = new ArrayList<>();
    for (JsonNode m : json.path("models")) {
      String qualified = m.path("class").asText();
      JsonNode c = m.path("complexity");
      models.add(new SweepModel(models.size(), m.path("id").asText(), qualified.substring(qualified.lastIndexOf('.') + 1),
          qualified, m.path("source").asText(), c.path("flops").asLong(), c.path("params").asLong(),
          c.path("acts").asLong()));
    }
    return new SweepDirectory(dir, models);
  }

  public Path path() {
    return dir;
  }

  public List<SweepModel> models() {
    return models;
  }

  /** The model with this id or simple class name. */
  public Optional<SweepModel> model(String name) {
    return models.stream().filter(m -> m.id().equals(name) || m.className().equals(name)).findFirst();
  }

  public Path modelDir(SweepModel model) {
    return dir.resolve(MODELS).resolve(model.className());
  }

  public Path classes() {
    return dir.resolve(CLASSES);
  }

  public Path source(SweepModel model) {
    return dir.resolve(SOURCES).resolve(model.source());
  }

  /** The model's result.json, if it has one. */
  public Optional<JsonNode> result(SweepModel model) throws IOException {
    Path result = modelDir(model).resolve(RESULT);
    return Files.isRegularFile(result) ? Optional.of(JSON.readTree(result.toFile())) : Optional.empty();
  }

  /** Compiles src/ into classes/ unless classes/ already holds these sources; swaps in whole. */
  void compile() throws IOException {
    List<Path> sources = models.stream().map(this::source).toList();
    String stamp = hash(sources);
    Path classes = classes();
    Path stampFile = classes.resolve(CLASSES_STAMP);
    if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
      return;
    }
    Path staging = dir.resolve(CLASSES + ".staging");
    deleteRecursively(staging);
    ModelCompiler.compileTo(sources, staging);
    Files.writeString(staging.resolve(CLASSES_STAMP), stamp);
    Path old = dir.resolve(CLASSES + ".old");
    deleteRecursively(old);
    if (Files.exists(classes)) {
      Files.move(classes, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, classes, StandardCopyOption.ATOMIC_MOVE);
    deleteRecursively(old);
  }

  private static String hash(List<Path> sources) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path source : sources) {
        sha.update(source.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(source));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
