package dev.designspace.runtime.runfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.designspace.files.DirectoryLock;
import dev.designspace.files.FileTrees;
import dev.designspace.model.ModelInfo;
import dev.designspace.model.ModelInfoJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A run directory: {@code model.json} (what was trained, with its generated source under {@code
 * src/}), {@code state.json} and {@code checkpoints/} while it runs, {@code train.log}, and {@code
 * result.json} when it ends. JSON files are replaced atomically.
 */
public final class RunDirectory {
  public static final String MODEL = "model.json";
  public static final String LOG = "train.log";
  public static final String CHECKPOINTS = "checkpoints";

  /** Held by the process training into the directory (an fcntl lock, also across NFS). */
  static final String LOCK = "train.lock";

  /**
   * Options that say where a run trains, not what: a resumed run may use other threads or another
   * device.
   */
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;

  public RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** Takes the directory's lock, or empty when another process (or this one) holds it. */
  public Optional<DirectoryLock> tryLock() {
    try {
      return DirectoryLock.tryAcquire(dir, LOCK);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dir.resolve(LOCK) + ": " + e.getMessage(), e);
    }
  }

  public Path path() {
    return dir;
  }

  public Path resolve(String name) {
    return dir.resolve(name);
  }

  public Optional<JsonNode> read(String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(String name, Object value) {
    try {
      writeAtomically(dir.resolve(name), JSON.writeValueAsString(value) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Appends a line to train.log, as far as the disk lets it: a log line lost to a full disk is not
   * worth failing the run over (the next checkpoint fails it, and can be cleaned up).
   */
  public void log(String line) {
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(LOG),
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // see above
    }
  }

  /**
   * Records what is trained here: {@code model.json} and the generated source under {@code src/},
   * so that {@code export} can rebuild the model without the spec.
   *
   * @param qualifiedClass the generated class's name, e.g. {@code
   *     dev.designspace.models.RegNetX6MF}
   */
  public void writeModel(
      String qualifiedClass, String source, ModelInfo info, DataOrigin data, JsonNode options) {
    String relative = "src/" + qualifiedClass.replace('.', '/') + ".java";
    try {
      writeAtomically(dir.resolve(relative), source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(relative), e);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", info.name());
    m.put("class", qualifiedClass);
    m.put("source", relative);
    m.put("spec", info.spec());
    m.put("dataset", data.name());
    m.put("datasetSource", data.source());
    m.put("mean", data.mean());
    m.put("std", data.std());
    m.put("options", options);
    m.put("config", ModelInfoJson.of(info));
    write(MODEL, m);
  }

  /**
   * What would make a resumed run differ from how this one started: another model or network, data
   * or options (epochs change the schedule, seeds and batch size the batches). Empty when it can
   * resume.
   */
  public List<String> differencesFrom(
      String qualifiedClass, ModelInfo info, DataOrigin data, JsonNode options) {
    JsonNode stored = read(MODEL).orElseThrow();
    List<String> differences = new ArrayList<>();
    if (!qualifiedClass.equals(stored.path("class").asText())) {
      differences.add(
          "model " + stored.path("class").asText() + " was trained, not " + qualifiedClass);
    }
    // the network, not the source's text: a source generated by an earlier release (other imports,
    // another spec path in its comments) builds the same variables
    JsonNode trained = stored.path("config");
    JsonNode network = JSON.valueToTree(ModelInfoJson.structure(info));
    List<String> changed = new ArrayList<>();
    network
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!sameValue(network.get(field), trained.path(field))) {
                changed.add(field);
              }
            });
    if (!changed.isEmpty()) {
      differences.add("the network differs (" + String.join(", ", changed) + ")");
    }
    if (!data.name().equals(stored.path("dataset").asText())
        || !data.source().equals(stored.path("datasetSource").asText())) {
      differences.add(
          "the data was "
              + stored.path("dataset").asText()
              + " from "
              + stored.path("datasetSource").asText()
              + ", now "
              + data.name()
              + " from "
              + data.source());
    }
    JsonNode now = options;
    JsonNode then = TrainOptionField.current(stored.path("options")).deepCopy();
    if (then.isObject() && !then.has("recipe")) {
      ((ObjectNode) then).put("recipe", ModelResult.RECIPE_BEFORE_RECIPES);
    }
    now.fieldNames()
        .forEachRemaining(
            field -> {
              boolean changesTraining =
                  TrainOptionField.byKey(field).map(TrainOptionField::changesTraining).orElse(true);
              if (changesTraining && !sameValue(now.get(field), then.path(field))) {
                differences.add(field + " was " + then.path(field) + ", now " + now.get(field));
              }
            });
    return differences;
  }

  /**
   * A model source this run saved, as the current layer API compiles it: sources generated before
   * the layer API's package was renamed to {@code dev.designspace.layers} import it by its old
   * name.
   */
  public static String currentSource(String saved) {
    return saved.replace("dev.designspace.runtime" + ".nn.", "dev.designspace.layers.");
  }

  /** Numbers by value: a long written as 0 reads back as an int node. */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /**
   * result.json for a run that failed with an exception, with its cause: the model's, or its
   * environment's (a full disk, an I/O error, memory).
   */
  public void writeFailure(ModelInfo info, Exception e) {
    writeFailure(info, RunFailure.of(e, dir));
  }

  /** A failed result.json with {@code message} saying why: a failure of the model itself. */
  public void writeFailure(ModelInfo info, String message) {
    writeFailure(info, new RunFailure(FailureCause.MODEL, message));
  }

  /**
   * A failed result.json for {@code failure}, as far as the file system lets it be written: a run
   * on a full disk may not be able to record its failure, and is then a run without a result, which
   * a rerun of its sweep trains again.
   */
  private void writeFailure(ModelInfo info, RunFailure failure) {
    try {
      writeResult(
          ModelResult.failure(
              info.name(),
              failure.cause(),
              failure.message(),
              info.flops(),
              info.params(),
              info.acts(),
              JSON.valueToTree(ModelInfoJson.of(info))));
      log("failed (" + failure.cause().fileName() + "): " + failure.message());
    } catch (UncheckedIOException notWritten) {
      // nothing more to save: the exception that failed the run goes on to the caller
    }
  }

  /** The run's result.json, if it has one. */
  public Optional<ModelResult> result() {
    try {
      return RunFileReader.resultIn(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + dir.resolve(RunFiles.RESULT) + ": " + e.getMessage(), e);
    }
  }

  public void writeResult(ModelResult result) {
    try {
      RunFileWriter.write(dir.resolve(RunFiles.RESULT), result);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + dir.resolve(RunFiles.RESULT) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The run's state.json, if it has one.
   *
   * @throws TrainingSetupException when it lacks what a resume needs
   */
  public Optional<TrainingState> state() {
    try {
      return RunFileReader.stateIn(dir);
    } catch (RunFileException e) {
      throw new TrainingSetupException(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + dir.resolve(RunFiles.STATE) + ": " + e.getMessage(), e);
    }
  }

  public void writeState(TrainingState state) {
    try {
      RunFileWriter.write(dir.resolve(RunFiles.STATE), state);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + dir.resolve(RunFiles.STATE) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Where the checkpoint after epoch {@code epoch} lives: its path prefix relative to the run
   * directory, {@code checkpoints/epoch-NNN/model}.
   */
  public static String checkpointOf(int epoch) {
    return CHECKPOINTS + "/epoch-" + String.format(Locale.ROOT, "%03d", epoch) + "/model";
  }

  /** Whether the checkpoint after epoch {@code epoch} was kept (its index file is there). */
  public boolean hasCheckpoint(int epoch) {
    return Files.isRegularFile(dir.resolve(checkpointOf(epoch) + ".index"));
  }

  /** Removes every checkpoint directory except those in {@code keep}. */
  public void pruneCheckpoints(Set<Path> keep) {
    Path root = dir.resolve(CHECKPOINTS);
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> entries = Files.list(root)) {
      for (Path p : entries.toList()) {
        if (!keep.contains(p)) {
          FileTrees.delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune " + root, e);
    }
  }

  /** Forces every file under {@code dir} to disk (a checkpoint before state.json points at it). */
  public static void sync(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        try (java.nio.channels.FileChannel channel =
            java.nio.channels.FileChannel.open(p, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
    }
  }

  public static void writeAtomically(Path target, String content) throws IOException {
    dev.designspace.files.AtomicFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
  }
}
