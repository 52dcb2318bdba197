package dev.designspace.runtime.refine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import dev.designspace.runtime.sweep.SweepCollector;
import dev.designspace.runtime.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A finished (or partly finished) sweep as refinement reads it: the swept spec ({@code spec.yaml},
 * extends applied) and the models that trained to the end, with their drawn values.
 *
 * @param name the spec's name
 * @param sample the spec's {@code sample} map
 * @param shared the spec's {@code constraints.shared}
 * @param increasing the spec's {@code constraints.increasing}
 * @param done the models whose status is done (diverged and failed ones have no comparable error)
 * @param finished models with a result of any status
 */
record SweptSpace(
    Path directory,
    String name,
    String description,
    boolean regNet,
    JsonNode sample,
    List<String> shared,
    List<String> increasing,
    List<ModelResult> done,
    int finished) {

  static final String SPEC = "spec.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Where the built structure keeps what the sampler drew under these keys. */
  private static final Map<String, String> BUILT =
      Map.of(
          "depth", "depths",
          "width", "widths",
          "bottleneck_ratio", "bottleneckRatios",
          "group_width", "groupWidths");

  SweptSpace {
    shared = List.copyOf(shared);
    increasing = List.copyOf(increasing);
    done = List.copyOf(done);
  }

  static SweptSpace load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)
        || !Files.isRegularFile(dir.resolve(SourceGeneration.MANIFEST))
        || !Files.isRegularFile(dir.resolve(SPEC))) {
      throw new RefineException(
          dir
              + " is not a sweep directory (it needs "
              + SourceGeneration.MANIFEST
              + " and "
              + SPEC
              + "); refine the directory a sweep wrote");
    }
    JsonNode spec = YAML.readTree(dir.resolve(SPEC).toFile());
    if (spec == null || !spec.path("sample").isObject()) {
      throw new RefineException(
          dir.resolve(SPEC) + " is not a sampled design space (no 'sample'): nothing to refine");
    }
    SweepResult sweep = SweepCollector.collect(dir, false);
    List<ModelResult> done =
        sweep.results().stream().filter(r -> r.status() == RunStatus.DONE).toList();
    JsonNode constraints = spec.path("constraints");
    return new SweptSpace(
        dir,
        spec.path("name").asText(dir.getFileName().toString()),
        spec.path("description").asText(""),
        spec.path("sample").path("family").asText().equals("regnet"),
        spec.path("sample"),
        texts(constraints.path("shared")),
        texts(constraints.path("increasing")),
        done,
        sweep.results().size());
  }

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }

  double[] errors() {
    return done.stream().mapToDouble(ModelResult::error).toArray();
  }

  /**
   * A RegNet's drawn value of {@code key} ({@code depth}, {@code w0}, ..., {@code group_width}),
   * per done model; NaN where the result does not record it.
   */
  double[] value(String key) {
    return done.stream().mapToDouble(r -> drawn(r, key).path(0).asDouble(Double.NaN)).toArray();
  }

  /**
   * An AnyNet's drawn per-stage values of {@code key} ({@code depth}, {@code width}, {@code
   * bottleneck_ratio}, {@code group_width}), per done model; null where not recorded.
   */
  List<double[]> stageValues(String key) {
    List<double[]> out = new ArrayList<>();
    for (ModelResult r : done) {
      JsonNode v = drawn(r, key);
      if (v.isArray() && !v.isEmpty()) {
        double[] stages = new double[v.size()];
        for (int i = 0; i < stages.length; i++) {
          stages[i] = v.get(i).asDouble(Double.NaN);
        }
        out.add(stages);
      } else {
        out.add(null);
      }
    }
    return out;
  }

  /**
   * The drawn values as the sampler recorded them ({@code config.sampled}), as an array (one
   * element for a RegNet's single value); else the built structure's values; empty when unknown.
   */
  private static JsonNode drawn(ModelResult r, String key) {
    JsonNode config = r.config();
    if (config == null) {
      return YAML.createArrayNode();
    }
    JsonNode v = config.path("sampled").path(key);
    boolean regNet = config.has("w0");
    if (v.isMissingNode() || v.isNull()) {
      if (regNet && config.has(key)) {
        v = config.get(key);
      } else {
        v = config.path(BUILT.getOrDefault(key, key));
        // a RegNet's b and g are one value, repeated per stage in the built structure
        v = regNet && v.isArray() && !v.isEmpty() ? v.get(0) : v;
      }
    }
    if (v.isMissingNode() || v.isNull()) {
      return YAML.createArrayNode();
    }
    return v.isArray() ? v : YAML.createArrayNode().add(v);
  }
}
