package dev.designspace.runtime.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.files.AtomicFiles;
import dev.designspace.files.DirectoryLock;
import dev.designspace.files.FileTrees;
import dev.designspace.generator.emit.GenerationRequest;
import dev.designspace.generator.emit.GenerationResult;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.compile.ModelCompiler;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFileReader;
import dev.designspace.runtime.runfiles.RunFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A sweep's directory, shared by every launcher and every worker: {@code spec.yaml} (extends
 * applied), {@code src/} with the generated sources, {@code manifest.json}, {@code classes/} (the
 * sources compiled once) and {@code models/CLASS/}, one run directory per model.
 */
public final class SweepDirectory {
  static final String MODELS = "models";
  static final String SOURCES = "src";
  static final String CLASSES = "classes";

  /**
   * Hash of the sources {@code classes/} was compiled from: unchanged sources are not recompiled.
   */
  static final String CLASSES_STAMP = ".sources.sha256";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Lock file of the whole directory: one sweep process (preparing, submitting or running) at a
   * time.
   */
  static final String DIRECTORY_LOCK = ".sweep.lock";

  /** Prefix of a failed result set aside for a retry: previous-result-1.json, -2, ... */
  static final String PREVIOUS_RESULT = "previous-result";

  private final Path dir;
  private final List<SweepModel> models;
  private final int count;
  private final long seed;

  private SweepDirectory(Path dir, List<SweepModel> models, int count, long seed) {
    this.dir = dir;
    this.models = List.copyOf(models);
    this.count = count;
    this.seed = seed;
  }

  /**
   * Writes {@code spec.yaml}, generates the sources of {@code count} models sampled with {@code
   * seed} from it and compiles them (only when they changed). On an existing sweep the spec
   * (extends applied), count and seed must be the ones it started with; then nothing changes, so
   * the models already started resume with the same classes.
   *
   * @throws SweepException when {@code dir} holds a different sweep
   */
  public static SweepDirectory prepare(Path spec, int count, long seed, Path dir)
      throws IOException {
    return prepare(spec, count, seed, dir, false);
  }

  /**
   * {@link #prepare(Path, int, long, Path)}, where with {@code grow} an existing sweep of the same
   * spec and seed with fewer models grows to {@code count}: a seeded sample's first models are the
   * smaller sample, so the models already trained keep their ids, sources and results. One with
   * more models keeps them all.
   */
  public static SweepDirectory prepare(Path spec, int count, long seed, Path dir, boolean grow)
      throws IOException {
    Path directory = dir.toAbsolutePath().normalize();
    String resolved = SpecLoader.resolvedYaml(spec);
    if (Files.isRegularFile(directory.resolve(SourceGeneration.MANIFEST))) {
      SweepDirectory existing = open(directory);
      requireSameSweep(existing, spec, resolved, grow ? existing.count : count, seed);
      if (grow) {
        // never shrink: a sweep that already holds more models keeps them
        count = Math.max(count, existing.count);
      }
    }
    Files.createDirectories(directory.resolve(MODELS));
    AtomicFiles.writeIfChanged(
        directory.resolve(SweepContents.SPEC), resolved.getBytes(StandardCharsets.UTF_8));
    // generated from the copy, so the sources (and their Javadoc) do not depend on how the spec was
    // named
    GenerationResult generated =
        SourceGeneration.generate(
            new GenerationRequest(
                List.of(directory.resolve(SweepContents.SPEC)),
                // named relative to the sweep: the sources and results hold no path of this machine
                List.of(SweepContents.SPEC),
                count,
                seed,
                GenerationRequest.DEFAULT_PACKAGE,
                directory.resolve(SOURCES)));
    AtomicFiles.writeIfChanged(
        directory.resolve(SourceGeneration.MANIFEST), Files.readAllBytes(generated.manifest()));
    SweepDirectory sweep = open(directory);
    sweep.compile();
    return sweep;
  }

  private static void requireSameSweep(
      SweepDirectory existing, Path spec, String resolved, int count, long seed)
      throws IOException {
    Path storedSpec = existing.dir.resolve(SweepContents.SPEC);
    List<String> differences = new ArrayList<>();
    if (!Files.isRegularFile(storedSpec) || !Files.readString(storedSpec).equals(resolved)) {
      differences.add("its spec.yaml is not " + spec + " (extends applied)");
    }
    if (existing.count != count) {
      differences.add("it has -n " + existing.count + ", not " + count);
    }
    if (existing.seed != seed) {
      differences.add("it has --seed " + existing.seed + ", not " + seed);
    }
    if (!differences.isEmpty()) {
      throw new SweepException(
          existing.dir
              + " holds another sweep: "
              + String.join("; ", differences)
              + ". Resume it with the spec, -n and --seed it was started with, or choose another"
              + " --out");
    }
  }

  /** A prepared sweep: reads its manifest. */
  public static SweepDirectory open(Path dir) throws IOException {
    Path directory = dir.toAbsolutePath().normalize();
    Path manifest = directory.resolve(SourceGeneration.MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new SweepException(
          dir
              + " is not a sweep directory (no "
              + SourceGeneration.MANIFEST
              + "); sweep a spec into it first");
    }
    JsonNode json;
    try {
      json = JSON.readTree(manifest.toFile());
    } catch (JsonProcessingException e) {
      throw new SweepException(manifest + " is not valid JSON: " + e.getOriginalMessage());
    }
    List<SweepModel> models = new ArrayList<>();
    for (JsonNode m : json.path("models")) {
      JsonNode c = m.path("complexity");
      models.add(
          new SweepModel(
              models.size(),
              m.path("id").asText(),
              m.path("name").asText(),
              m.path("class").asText(),
              m.path("source").asText(),
              c.path("flops").asLong(),
              c.path("params").asLong(),
              c.path("acts").asLong()));
    }
    return new SweepDirectory(
        directory, models, json.path("count").asInt(), json.path("seed").asLong());
  }

  /**
   * Takes the directory's lock, so that two sweep processes never prepare, submit or run the same
   * sweep at once.
   *
   * @throws SweepException when another process holds it
   */
  public static DirectoryLock lock(Path dir) throws IOException {
    return DirectoryLock.tryAcquire(dir, DIRECTORY_LOCK)
        .orElseThrow(
            () ->
                new SweepException(
                    "another designspace sweep is working on "
                        + dir
                        + " (it holds "
                        + DIRECTORY_LOCK
                        + "); wait for it to finish"));
  }

  /**
   * Moves a failed model's result.json aside (previous-result-N.json, N the first free number), so
   * that the model is trained again and every earlier failure is kept.
   */
  public Path setAsideResult(SweepModel model) throws IOException {
    return setAside(modelDir(model));
  }

  /** How many results of the model were set aside (previous-result-N.json). */
  public int setAsideResults(SweepModel model) {
    try (java.util.stream.Stream<Path> files = Files.list(modelDir(model))) {
      return (int)
          files.filter(f -> f.getFileName().toString().startsWith(PREVIOUS_RESULT + "-")).count();
    } catch (IOException e) {
      return 0; // no run directory yet
    }
  }

  /** Moves the result.json of run directory {@code run} aside, as {@link #setAsideResult} does. */
  static Path setAside(Path run) throws IOException {
    for (int n = 1; ; n++) {
      Path target = run.resolve(PREVIOUS_RESULT + "-" + n + ".json");
      if (!Files.exists(target)) {
        Files.move(run.resolve(RunFiles.RESULT), target, StandardCopyOption.ATOMIC_MOVE);
        return target;
      }
    }
  }

  /**
   * Puts a result set aside by {@link #setAsideResult} back (a retry that was not submitted),
   * unless the model has a new result by now.
   */
  public void restoreResult(SweepModel model, Path setAside) throws IOException {
    Path result = modelDir(model).resolve(RunFiles.RESULT);
    if (!Files.exists(result)) {
      Files.move(setAside, result, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** The seed the sweep's models were sampled with. */
  public long seed() {
    return seed;
  }

  public Path path() {
    return dir;
  }

  public List<SweepModel> models() {
    return models;
  }

  /** The model with this id (class name) or name. */
  public Optional<SweepModel> model(String idOrName) {
    return models.stream()
        .filter(m -> m.id().equals(idOrName) || m.name().equals(idOrName))
        .findFirst();
  }

  public Path modelDir(SweepModel model) {
    return dir.resolve(MODELS).resolve(model.id());
  }

  public Path classes() {
    return dir.resolve(CLASSES);
  }

  public Path source(SweepModel model) {
    return dir.resolve(SOURCES).resolve(model.source());
  }

  /** The model's result.json, if it has one. */
  public Optional<ModelResult> result(SweepModel model) throws IOException {
    return RunFileReader.resultIn(modelDir(model));
  }

  /**
   * Compiles src/ into classes/ unless classes/ already holds these sources. Sources change only
   * when the sweep is first prepared (or designspace changed), never under a running sweep.
   */
  void compile() throws IOException {
    List<Path> sources = models.stream().map(this::source).toList();
    String stamp = hash(sources);
    Path classes = classes();
    Path stampFile = classes.resolve(CLASSES_STAMP);
    if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
      return;
    }
    Path staging = dir.resolve(CLASSES + ".staging");
    FileTrees.delete(staging);
    ModelCompiler.compileTo(sources, staging);
    Files.writeString(staging.resolve(CLASSES_STAMP), stamp);
    Path old = dir.resolve(CLASSES + ".old");
    FileTrees.delete(old);
    if (Files.exists(classes)) {
      Files.move(classes, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, classes, StandardCopyOption.ATOMIC_MOVE);
    FileTrees.delete(old);
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
}
