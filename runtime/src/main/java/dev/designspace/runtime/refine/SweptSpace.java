package dev.designspace.runtime.refine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.generator.random.Distribution;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.space.SearchSpace;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.sweep.SweepContents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A finished (or partly finished) sweep as refinement reads it: the swept spec ({@code spec.yaml},
 * extends applied) and the models that trained to the end, with their drawn values.
 *
 * @param name the spec's name
 * @param sampled each parameter's distribution, by its spec key (a RegNet's absent b and g read as
 *     the fixed 1 they mean)
 * @param shared the spec's {@code constraints.shared}, as spec keys
 * @param increasing the spec's {@code constraints.increasing}, as spec keys
 * @param done the models whose status is done (diverged and failed ones have no comparable error)
 * @param finished models with a result of any status
 */
record SweptSpace(
    Path directory,
    String name,
    String description,
    boolean regNet,
    Map<String, Distribution> sampled,
    List<String> shared,
    List<String> increasing,
    List<ModelResult> done,
    int finished) {

  /** Where the built structure keeps what the sampler drew under these keys. */
  private static final Map<String, String> BUILT =
      Arrays.stream(Parameter.values())
          .filter(p -> p.stageListName().isPresent())
          .collect(
              Collectors.toUnmodifiableMap(
                  Parameter::externalName, p -> p.stageListName().orElseThrow()));

  SweptSpace {
    sampled = Collections.unmodifiableMap(new LinkedHashMap<>(sampled));
    shared = List.copyOf(shared);
    increasing = List.copyOf(increasing);
    done = List.copyOf(done);
  }

  static SweptSpace load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)
        || !Files.isRegularFile(dir.resolve(SourceGeneration.MANIFEST))
        || !Files.isRegularFile(dir.resolve(SweepContents.SPEC))) {
      throw new RefineException(
          dir
              + " is not a sweep directory (it needs "
              + SourceGeneration.MANIFEST
              + " and "
              + SweepContents.SPEC
              + "); refine the directory a sweep wrote");
    }
    SweepContents sweep = SweepContents.read(dir);
    Path spec = dir.resolve(SweepContents.SPEC);
    DesignSpace space =
        sweep
            .space()
            .orElseThrow(
                () ->
                    new RefineException(
                        spec + " is not a spec this version reads: refine a sweep it made"));
    SearchSpace search =
        space
            .search()
            .orElseThrow(
                () ->
                    new RefineException(
                        spec + " is not a sampled design space (no 'sample'): nothing to refine"));
    return new SweptSpace(
        dir,
        space.name(),
        space.description(),
        search instanceof SearchSpace.RegNet,
        distributions(search),
        specKeys(space.constraints().shared()),
        specKeys(space.constraints().increasing()),
        sweep.done(),
        sweep.results().size());
  }

  /** Each parameter's distribution by its spec key, in the order the spec format lists them. */
  private static Map<String, Distribution> distributions(SearchSpace search) {
    Map<String, Distribution> m = new LinkedHashMap<>();
    if (search instanceof SearchSpace.RegNet r) {
      m.put(Parameter.DEPTH.externalName(), r.depth());
      m.put(Parameter.W0.externalName(), r.w0());
      m.put(Parameter.WA.externalName(), r.wa());
      m.put(Parameter.WM.externalName(), r.wm());
      m.put(Parameter.BOTTLENECK_RATIO.externalName(), r.bottleneckRatio());
      m.put(Parameter.GROUP_WIDTH.externalName(), r.groupWidth());
    } else if (search instanceof SearchSpace.AnyNet a) {
      m.put(Parameter.DEPTH.externalName(), a.depth());
      m.put(Parameter.WIDTH.externalName(), a.width());
      m.put(Parameter.BOTTLENECK_RATIO.externalName(), a.bottleneckRatio());
      if (a.groupWidth() != null) {
        m.put(Parameter.GROUP_WIDTH.externalName(), a.groupWidth());
      }
    }
    return m;
  }

  /** Spec keys in the order {@link Parameter} declares them: a refined spec lists them so. */
  private static List<String> specKeys(Set<Parameter> parameters) {
    return parameters.stream().sorted().map(Parameter::externalName).toList();
  }

  /** Whether {@code key}'s distribution can draw more than one value. */
  boolean varies(String key) {
    Distribution d = sampled.get(key);
    return d != null && d.max() > d.min();
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
      return JsonNodeFactory.instance.arrayNode();
    }
    JsonNode v = config.path("sampled").path(key);
    boolean regNet = config.has(Parameter.W0.externalName());
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
      return JsonNodeFactory.instance.arrayNode();
    }
    return v.isArray() ? v : JsonNodeFactory.instance.arrayNode().add(v);
  }
}
