package dev.designspace.runtime.compile;

import com.palantir.javapoet.JavaFile;
import dev.designspace.generator.emit.GenerationRequest;
import dev.designspace.generator.emit.ModelSource;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.runtime.nn.Network;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A spec's models as live {@link Network}s: generate the sources, compile them in memory, load
 * and instantiate them. What {@code summary}, {@code train} and {@code sweep} do with a spec.
 */
public final class SpecModels {
  private final Map<String, Network> byName;

  private SpecModels(Map<String, Network> byName) {
    this.byName = byName;
  }

  /** The models of {@code spec}: all fixed models, or {@code count} sampled with {@code seed}. */
  public static SpecModels load(Path spec, int count, long seed) {
    GenerationRequest request = new GenerationRequest(List.of(spec), count, seed,
        GenerationRequest.DEFAULT_PACKAGE, Path.of("."));
    List<ModelSource> models = SourceGeneration.models(request);
    List<JavaFile> files = SourceGeneration.emit(request, models);
    Map<String, Class<? extends Network>> classes =
        ModelCompiler.compile(files.stream().map(JavaFile::toJavaFileObject).toList());
    Map<String, Network> byName = new LinkedHashMap<>();
    List<Class<? extends Network>> ordered = new ArrayList<>(classes.values());
    for (int i = 0; i < models.size(); i++) {
      byName.put(models.get(i).modelName(), instantiate(ordered.get(i)));
    }
    return new SpecModels(byName);
  }

  private static Network instantiate(Class<? extends Network> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (InstantiationException | IllegalAccessException | NoSuchMethodException e) {
      throw new ModelCompilationException("cannot instantiate " + type.getName() + ": " + e);
    } catch (InvocationTargetException e) {
      throw new ModelCompilationException("cannot instantiate " + type.getName() + ": " + e.getCause());
    }
  }

  public List<Network> all() {
    return List.copyOf(byName.values());
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  public Optional<Network> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }
}
