package dev.designspace.runtime.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.designspace.files.FileTrees;
import dev.designspace.layers.LayerOptions;
import dev.designspace.layers.LayerOutput;
import dev.designspace.layers.Layers;
import dev.designspace.layers.Mode;
import dev.designspace.layers.Network;
import dev.designspace.layers.Normalisation;
import dev.designspace.model.ModelInfo;
import dev.designspace.runtime.compile.SpecModels;
import dev.designspace.runtime.convtuning.FormulationChoice;
import dev.designspace.runtime.runfiles.EpochStats;
import dev.designspace.runtime.runfiles.RunDirectory;
import dev.designspace.runtime.runfiles.TrainingSetupException;
import dev.designspace.runtime.runfiles.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** {@code export}: a run directory's trained model as a SavedModel. */
public final class SavedModelExport {
  public static final String SIGNATURE = "serving_default";
  public static final String INPUT = "images";
  public static final String LOGITS = "logits";
  public static final String PROBABILITIES = "probabilities";

  /** Written beside saved_model.pb: what the model is and what it expects. */
  public static final String CARD = "designspace-model.json";

  private SavedModelExport() {}

  /**
   * How exported graphs compute grouped convolutions unless told otherwise: one dense convolution
   * per group, then a concatenation. TensorFlow's own grouped convolution runs on a CPU only with
   * its oneDNN kernels, which it turns on by itself only on some CPUs, so a SavedModel built with
   * it fails to serve elsewhere ("Fused conv implementation does not support grouped
   * convolutions"); the split form runs on every TensorFlow, with the same variables.
   */
  public static final FormulationChoice DEFAULT_CONV_IMPL = FormulationChoice.SPLIT;

  /**
   * Writes the SavedModel the request asks for.
   *
   * @throws ExportException when the run directory lacks what an export needs, or the epoch asked
   *     for was not kept
   */
  public static ExportResult export(ExportRequest request) {
    Path runDir = request.runDir();
    Path out = request.out();
    FormulationChoice convImpl = request.convImpl();
    RunDirectory run = new RunDirectory(runDir);
    JsonNode model =
        run.read(RunDirectory.MODEL)
            .orElseThrow(
                () ->
                    new ExportException(
                        runDir
                            + " is not a run directory (no model.json); train a model into it"
                            + " first"));
    TrainingState state;
    try {
      state =
          run.state()
              .orElseThrow(
                  () ->
                      new ExportException(
                          runDir
                              + " has no checkpoint yet (no state.json): train at least one"
                              + " epoch"));
    } catch (TrainingSetupException e) {
      throw new ExportException(e.getMessage());
    }
    Chosen chosen = choose(run, state, request.epoch());
    if (Files.exists(out) && !isEmptyDirectory(out)) {
      throw new ExportException(out + " already exists and is not empty; choose another --out");
    }
    for (String field : new String[] {"source", "class", "mean", "std"}) {
      if (!model.hasNonNull(field)) {
        throw new ExportException(
            runDir.resolve(RunDirectory.MODEL) + " lacks '" + field + "'; it is damaged");
      }
    }
    String source;
    try {
      source =
          Files.readString(runDir.resolve(model.get("source").asText()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ExportException(
          "cannot read the model source of " + runDir + ": " + e.getMessage());
    }
    Network network;
    try {
      network =
          SpecModels.fromSource(model.get("class").asText(), RunDirectory.currentSource(source));
    } catch (RuntimeException e) {
      throw new ExportException(
          "the model source saved in " + runDir + " no longer compiles: " + e.getMessage());
    }
    ModelInfo info = network.info();
    float[] mean = floats(model.get("mean"));
    float[] std = floats(model.get("std"));
    Path staging = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".exporting");
    try {
      FileTrees.delete(staging);
      try (Graph graph = new Graph()) {
        Ops tf = Ops.create(graph);
        Placeholder<TFloat32> images =
            tf.withName(INPUT)
                .placeholder(
                    TFloat32.class,
                    Placeholder.shape(
                        Shape.of(-1, info.inputSize(), info.inputSize(), info.inputChannels())));
        Operand<TFloat32> normalised = Normalisation.apply(tf, images, mean, std);
        Layers layers =
            Layers.create(
                tf,
                info,
                Mode.INFERENCE,
                LayerOptions.DEFAULTS.withConvChooser(convImpl.chooser(1, 0)));
        LayerOutput logits = network.build(layers, layers.input(normalised));
        Operand<TFloat32> probabilities = tf.withName(PROBABILITIES).nn.softmax(logits.operand());
        try (Session session = new Session(graph)) {
          try {
            session.restore(runDir.resolve(chosen.checkpoint()).toString());
          } catch (RuntimeException e) {
            throw new ExportException(
                "cannot restore the checkpoint of " + runDir + ": " + e.getMessage());
          }
          SavedModelBundle.exporter(staging.toString())
              .withSession(session)
              .withSignature(
                  Signature.builder()
                      .key(SIGNATURE)
                      .input(INPUT, images)
                      .output(LOGITS, logits.operand())
                      .output(PROBABILITIES, probabilities)
                      .build())
              .export();
        }
      }
      Map<String, Object> card = new LinkedHashMap<>();
      card.put("name", info.name());
      card.put("designSpace", info.designSpace());
      card.put("inputSize", info.inputSize());
      card.put("inputChannels", info.inputChannels());
      card.put("classes", info.classes());
      card.put(
          "input",
          "images: float32 [-1, "
              + info.inputSize()
              + ", "
              + info.inputSize()
              + ", "
              + info.inputChannels()
              + "], raw pixels 0-255 (normalised inside the graph)");
      Map<String, Object> outputs = new LinkedHashMap<>(); // a fixed order: the same file each time
      outputs.put(LOGITS, "float32 [-1, " + info.classes() + "]");
      outputs.put(PROBABILITIES, "softmax of the logits");
      card.put("outputs", outputs);
      card.put("groupedConvolutions", convImpl.externalName());
      card.put("mean", mean);
      card.put("std", std);
      card.put("dataset", model.path("dataset").asText());
      card.put("epoch", chosen.epoch());
      card.put("epochsTrained", state.epochsDone());
      card.put("epochChoice", request.epoch().toString());
      card.put("bestEpoch", chosen.bestEpoch());
      // the error training measured for the exported weights, not necessarily result.json's
      card.put("testError", chosen.testError());
      card.put("flops", info.flops());
      card.put("params", info.params());
      RunDirectory.writeAtomically(
          staging.resolve(CARD),
          new com.fasterxml.jackson.databind.ObjectMapper()
                  .writerWithDefaultPrettyPrinter()
                  .writeValueAsString(card)
              + "\n");
      if (Files.exists(out)) {
        Files.delete(out); // an empty directory
      }
      Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
      return new ExportResult(
          out,
          request.epoch(),
          chosen.epoch(),
          state.epochsDone(),
          chosen.testError(),
          chosen.bestEpoch(),
          chosen.bestNotKept());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the SavedModel to " + out + ": " + e.getMessage(), e);
    } finally {
      try {
        FileTrees.delete(staging);
      } catch (IOException e) {
        // leave the staging directory; the export itself succeeded or already failed
      }
    }
  }

  /**
   * The checkpoint an export restores, and what the user is told about it.
   *
   * @param bestEpoch the run's best epoch as its result counts it: 0 when none is below 100%
   */
  private record Chosen(
      String checkpoint, int epoch, double testError, int bestEpoch, boolean bestNotKept) {}

  /**
   * The checkpoint of the epoch asked for. A run keeps its newest checkpoint (what a resume needs)
   * and its best epoch's; runs written before the best was kept have only the newest, and the best
   * of those exports the newest.
   */
  private static Chosen choose(RunDirectory run, TrainingState state, ExportedEpoch asked) {
    List<EpochStats> curve = state.curve();
    int last = state.epochsDone();
    int found = EpochStats.bestEpoch(curve);
    int best = found == 0 ? last : found; // no epoch below 100%: the last is as good as any
    int epoch =
        switch (asked.kind()) {
          case BEST -> best;
          case FINAL -> last;
          case NUMBERED -> asked.number();
        };
    if (epoch > last) {
      throw new ExportException(
          run.path() + " has trained " + last + " epochs, not " + epoch + "; choose 1 to " + last);
    }
    boolean bestNotKept = false;
    if (epoch != last && !run.hasCheckpoint(epoch)) {
      if (asked.kind() != ExportedEpoch.Kind.BEST) {
        throw new ExportException(
            run.path()
                + " kept no checkpoint of epoch "
                + epoch
                + "; a run keeps its last epoch's ("
                + last
                + ") and its best epoch's ("
                + best
                + "): use --epoch final or --epoch best");
      }
      bestNotKept = true;
      epoch = last;
    }
    String checkpoint = epoch == last ? state.checkpoint() : RunDirectory.checkpointOf(epoch);
    return new Chosen(checkpoint, epoch, curve.get(epoch - 1).testError(), found, bestNotKept);
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  private static boolean isEmptyDirectory(Path p) {
    try (var entries = Files.list(p)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
