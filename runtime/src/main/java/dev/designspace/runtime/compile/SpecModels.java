package dev.designspace.runtime.compile;

import com.palantir.javapoet.JavaFile;
import dev.designspace.generator.emit.GenerationRequest;
import dev.designspace.generator.emit.ModelSource;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.layers.Network;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A spec's models as live {@link Network}s: generate the sources, compile them in memory, load and
 * instantiate them. What {@code summary}, {@code train} and {@code sweep} do with a spec.
 */
public final class SpecModels {
  /** A loaded model with the class name and source text it was compiled from. */
  public record Loaded(Network network, String className, String source) {}

  private final Map<String, Loaded> byName;

  private SpecModels(Map<String, Loaded> byName) {
    this.byName = byName;
  }

  /** The models of {@code spec}: all fixed models, or {@code count} sampled with {@code seed}. */
  public static SpecModels load(Path spec, int count, long seed) {
    GenerationRequest request =
        new GenerationRequest(
            List.of(spec), count, seed, GenerationRequest.DEFAULT_PACKAGE, Path.of("."));
    List<ModelSource> models = SourceGeneration.models(request);
    List<JavaFile> files = SourceGeneration.emit(request, models);
    Map<String, Class<? extends Network>> classes =
        ModelCompiler.compile(files.stream().map(JavaFile::toJavaFileObject).toList());
    Map<String, Loaded> byName = new LinkedHashMap<>();
    List<Class<? extends Network>> ordered = new ArrayList<>(classes.values());
    for (int i = 0; i < models.size(); i++) {
      byName.put(
          models.get(i).modelName(),
          new Loaded(
              instantiate(ordered.get(i)), ordered.get(i).getName(), files.get(i).toString()));
    }
    return new SpecModels(byName);
  }

  /** Compiles one saved generated source (a run directory's) and instantiates it. */
  public static Network fromSource(String qualifiedName, String source) {
    Map<String, Class<? extends Network>> classes =
        ModelCompiler.compile(
            List.of(
                new javax.tools.SimpleJavaFileObject(
                    java.net.URI.create("string:///" + qualifiedName.replace('.', '/') + ".java"),
                    javax.tools.JavaFileObject.Kind.SOURCE) {
                  @Override
                  public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                  }
                }));
    Class<? extends Network> type = classes.get(qualifiedName);
    if (type == null) {
      throw new ModelCompilationException("the source does not define " + qualifiedName);
    }
    return instantiate(type);
  }

  static Network instantiate(Class<? extends Network> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (InstantiationException | IllegalAccessException | NoSuchMethodException e) {
      throw new ModelCompilationException("cannot instantiate " + type.getName() + ": " + e);
    } catch (InvocationTargetException e) {
      throw new ModelCompilationException(
          "cannot instantiate " + type.getName() + ": " + e.getCause());
    }
  }

  public List<Network> all() {
    return byName.values().stream().map(Loaded::network).toList();
  }

  public Optional<Loaded> loaded(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  public Optional<Network> byName(String name) {
    return Optional.ofNullable(byName.get(name)).map(Loaded::network);
  }
}
