package dev.designspace.runtime.compile;

import dev.designspace.layers.Network;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles generated model sources (in memory, or to class files for a sweep) and loads them as
 * {@link Network}s.
 */
public final class ModelCompiler {
  // --release 17: the classes also load on nodes whose java is older than the one that compiled
  // them
  private static final List<String> OPTIONS =
      List.of("-proc:none", "-Xlint:none", "-g:source,lines", "--release", "17");

  private ModelCompiler() {}

  /**
   * @param sources generated sources (e.g. {@code JavaFile.toJavaFileObject()})
   * @return the loaded classes by fully qualified name, in source order
   * @throws ModelCompilationException with javac's errors, or when the JVM has no compiler
   */
  public static Map<String, Class<? extends Network>> compile(List<JavaFileObject> sources) {
    JavaCompiler javac = systemCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, ByteArrayOutputStream> classes = new LinkedHashMap<>();
    try (StandardJavaFileManager standard =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      standard.setLocation(StandardLocation.CLASS_PATH, CompilationClasspath.current());
      JavaFileManager inMemory =
          new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(
                Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
              ByteArrayOutputStream bytes = new ByteArrayOutputStream();
              classes.put(className, bytes);
              return new SimpleJavaFileObject(
                  URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                  return bytes;
                }
              };
            }
          };
      boolean ok = javac.getTask(null, inMemory, diagnostics, OPTIONS, null, sources).call();
      if (!ok) {
        throw new ModelCompilationException(
            "generated sources did not compile:\n" + format(diagnostics));
      }
    } catch (IOException e) {
      throw new ModelCompilationException("cannot set up the compiler: " + e.getMessage());
    }
    Map<String, byte[]> bytecode = new HashMap<>();
    classes.forEach((name, out) -> bytecode.put(name, out.toByteArray()));
    ClassLoader loader = new InMemoryClassLoader(bytecode, Network.class.getClassLoader());
    Map<String, Class<? extends Network>> loaded = new LinkedHashMap<>();
    for (JavaFileObject source : sources) {
      String name = qualifiedName(source, bytecode);
      try {
        loaded.put(name, Class.forName(name, true, loader).asSubclass(Network.class));
      } catch (ClassNotFoundException | ClassCastException e) {
        throw new ModelCompilationException(
            "compiled " + name + " but cannot load it as a Network: " + e);
      }
    }
    return loaded;
  }

  /**
   * Compiles generated source files to class files under {@code classes} (which must be empty or
   * absent), as a sweep does once for all of its models.
   *
   * @throws ModelCompilationException with javac's errors, or when the JVM has no compiler
   */
  public static void compileTo(List<Path> sources, Path classes) {
    JavaCompiler javac = systemCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(classes);
      files.setLocation(StandardLocation.CLASS_PATH, CompilationClasspath.current());
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
      boolean ok =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  OPTIONS,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      if (!ok) {
        throw new ModelCompilationException(
            "generated sources did not compile:\n" + format(diagnostics));
      }
    } catch (IOException e) {
      throw new ModelCompilationException("cannot compile into " + classes + ": " + e.getMessage());
    }
  }

  /** Loads and instantiates a model class compiled by {@link #compileTo}. */
  public static Network load(Path classes, String qualifiedName) {
    try {
      URLClassLoader loader =
          new URLClassLoader(new URL[] {classes.toUri().toURL()}, Network.class.getClassLoader());
      return SpecModels.instantiate(
          Class.forName(qualifiedName, true, loader).asSubclass(Network.class));
    } catch (MalformedURLException e) {
      throw new ModelCompilationException(
          "cannot read classes from " + classes + ": " + e.getMessage());
    } catch (ClassNotFoundException e) {
      throw new ModelCompilationException(qualifiedName + " is not compiled in " + classes);
    } catch (ClassCastException e) {
      throw new ModelCompilationException(qualifiedName + " in " + classes + " is not a Network");
    }
  }

  private static JavaCompiler systemCompiler() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new ModelCompilationException(
          "this Java runtime has no compiler (javax.tools): run designspace with"
              + " a JDK, not a JRE (java.home is "
              + System.getProperty("java.home")
              + ")");
    }
    return javac;
  }

  private static String qualifiedName(JavaFileObject source, Map<String, byte[]> bytecode) {
    String simple = source.getName().replaceAll("^.*/", "").replace(".java", "");
    return bytecode.keySet().stream()
        .filter(n -> n.equals(simple) || n.endsWith("." + simple))
        .findFirst()
        .orElseThrow(
            () -> new ModelCompilationException("no class compiled from " + source.getName()));
  }

  private static String format(DiagnosticCollector<JavaFileObject> diagnostics) {
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .limit(10)
        .map(
            d ->
                (d.getSource() == null
                        ? ""
                        : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                    + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }

  /** Defines the compiled classes; everything else comes from the runtime's loader. */
  private static final class InMemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> bytecode;

    InMemoryClassLoader(Map<String, byte[]> bytecode, ClassLoader parent) {
      super(parent);
      this.bytecode = bytecode;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = bytecode.get(name);
      if (b == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, b, 0, b.length);
    }
  }
}
