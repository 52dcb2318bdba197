package dev.designspace.generator.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.palantir.javapoet.JavaFile;
import dev.designspace.files.AtomicFiles;
import dev.designspace.generator.complexity.ComplexityCounter;
import dev.designspace.generator.json.ModelJson;
import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.sampling.ModelSampler;
import dev.designspace.generator.sampling.SampleRequest;
import dev.designspace.generator.sampling.SampledModel;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gen}: load specs, take their fixed models or sample them, emit one class per model and
 * {@code manifest.json}. Files are replaced atomically and only when their bytes change, so a
 * repeated run touches nothing; sources an earlier run listed and this one does not are removed.
 */
public final class SourceGeneration {
  public static final String MANIFEST = "manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SourceGeneration() {}

  /**
   * The models of the request, with class names checked for collisions. Each names its spec by the
   * request's spec name, not by the path it was read from.
   */
  public static List<ModelSource> models(GenerationRequest request) {
    List<ModelSource> models = new ArrayList<>();
    for (int i = 0; i < request.specs().size(); i++) {
      DesignSpace space = SpecLoader.load(request.specs().get(i));
      String specName = request.specNames().get(i);
      if (space.isSampled()) {
        for (SampledModel m :
            ModelSampler.sample(SampleRequest.of(space, request.count(), request.seed()))
                .models()) {
          models.add(
              new ModelSource(
                  JavaNames.className(m.name()),
                  m.network(),
                  m.complexity(),
                  space.name(),
                  space.description(),
                  specName,
                  m.seed(),
                  m.sampleIndex(),
                  m.parameters()));
        }
      } else {
        for (NetworkConfig n : space.models()) {
          models.add(
              new ModelSource(
                  JavaNames.className(n.name()),
                  n,
                  ComplexityCounter.count(n),
                  space.name(),
                  space.description(),
                  specName,
                  null,
                  null,
                  Map.of()));
        }
      }
    }
    JavaNames.requireDistinct(models.stream().map(ModelSource::modelName).toList());
    return models;
  }

  /** The Java files of the request, in memory (for in-process compilation). */
  public static List<JavaFile> emit(GenerationRequest request, List<ModelSource> models) {
    String command = request.command(models.stream().anyMatch(ModelSource::isSampled));
    return models.stream().map(m -> ModelEmitter.emit(m, request.packageName(), command)).toList();
  }

  public static GenerationResult generate(GenerationRequest request) {
    List<ModelSource> models = models(request);
    List<JavaFile> files = emit(request, models);
    Path out = request.outDir();
    List<Path> written = new ArrayList<>();
    List<Path> unchanged = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    try {
      Files.createDirectories(out);
      for (JavaFile file : files) {
        String relative =
            file.packageName().replace('.', '/') + "/" + file.typeSpec().name() + ".java";
        sources.add(relative);
        Path target = out.resolve(relative);
        (writeIfChanged(target, file.toString()) ? written : unchanged).add(target);
      }
      List<Path> removed = removeStale(out, sources);
      Path manifest = out.resolve(MANIFEST);
      String json = ModelJson.write(manifest(request, models, sources)) + "\n";
      if (writeIfChanged(manifest, json)) {
        written.add(manifest);
      }
      return new GenerationResult(models, written, unchanged, removed, manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write generated sources to " + out + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> manifest(
      GenerationRequest request, List<ModelSource> models, List<String> sources) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", ModelEmitter.GENERATOR);
    m.put("package", request.packageName());
    m.put("specs", request.specNames());
    boolean sampled = models.stream().anyMatch(ModelSource::isSampled);
    if (sampled) {
      m.put("count", request.count());
      m.put("seed", request.seed());
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      ModelSource model = models.get(i);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", model.className());
      e.put("name", model.modelName());
      e.put("class", request.packageName() + "." + model.className());
      e.put("source", sources.get(i));
      e.put("designSpace", model.spaceName());
      e.put("spec", model.specFile());
      if (model.isSampled()) {
        e.put("seed", model.seed());
        e.put("sampleIndex", model.sampleIndex());
        e.put("sampled", model.sampled());
      }
      // in a fixed order: Map.of iterates in an order that changes from one JVM to the next, and
      // a manifest that changes on every run is rewritten on every resume
      Map<String, Object> complexity = new LinkedHashMap<>();
      complexity.put("flops", model.complexity().flops());
      complexity.put("params", model.complexity().params());
      complexity.put("acts", model.complexity().acts());
      e.put("complexity", complexity);
      e.put(
          "config",
          ModelJson.describe(
              model.network(), model.complexity(), model.spaceName(), model.specFile()));
      entries.add(e);
    }
    m.put("models", entries);
    return m;
  }

  /**
   * Deletes sources listed by the previous manifest in {@code out} that are no longer generated.
   */
  private static List<Path> removeStale(Path out, List<String> current) throws IOException {
    Path manifest = out.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return List.of();
    }
    List<Path> removed = new ArrayList<>();
    JsonNode previous;
    try {
      previous = JSON.readTree(manifest.toFile());
    } catch (IOException e) {
      return List.of(); // not ours or damaged: leave everything alone
    }
    for (JsonNode entry : previous.path("models")) {
      String source = entry.path("source").asText("");
      if (source.endsWith(".java") && !source.contains("..") && !current.contains(source)) {
        Path stale = out.resolve(source).normalize();
        if (stale.startsWith(out.normalize()) && Files.deleteIfExists(stale)) {
          removed.add(stale);
        }
      }
    }
    return removed;
  }

  private static boolean writeIfChanged(Path target, String content) throws IOException {
    return AtomicFiles.writeIfChanged(target, content.getBytes(StandardCharsets.UTF_8));
  }
}
