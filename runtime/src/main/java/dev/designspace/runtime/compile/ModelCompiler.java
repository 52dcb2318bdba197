package dev.designspace.runtime.compile;

import dev.designspace.runtime.nn.Network;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

/** Compiles generated model sources in memory and loads them as {@link Network}s. */
public final class ModelCompiler {
  private ModelCompiler() {}

  /**
   * @param sources generated sources (e.g. {@code JavaFile.toJavaFileObject()})
   * @return the loaded classes by fully qualified name, in source order
   * @throws ModelCompilationException with javac's errors, or when the JVM has no compiler
   */
  public static Map<String, Class<? extends Network>> compile(List<JavaFileObject> sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new ModelCompilationException("this Java runtime has no compiler (javax.tools): run designspace with"
          + " a JDK, not a JRE (java.home is " + System.getProperty("java.home") + ")");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, ByteArrayOutputStream> classes = new LinkedHashMap<>();
    try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      standard.setLocation(StandardLocation.CLASS_PATH, CompilationClasspath.current());
      JavaFileManager inMemory = new ForwardingJavaFileManager<>(standard) {
        @Override
        public JavaFileObject getJavaFileForOutput(
            Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          classes.put(className, bytes);
          return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
            @Override
            public OutputStream openOutputStream() {
              return bytes;
            }
          };
        }
      };
      boolean ok = javac.getTask(null, inMemory, diagnostics,
          List.of("-proc:none", "-Xlint:none", "-g:source,lines"), null, sources).call();
      if (!ok) {
        throw new ModelCompilationException("generated sources did not compile:\n" + format(diagnostics));
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
        throw new ModelCompilationException("compiled " + name + " but cannot load it as a Network: " + e);
      }
    }
    return loaded;
  }

  private static String qualifiedName(JavaFileObject source, Map<String, byte[]> bytecode) {
    String simple = source.getName().replaceAll("^.*/", "").replace(".java", "");
    return bytecode.keySet().stream()
        .filter(n -> n.equals(simple) || n.endsWith("." + simple))
        .findFirst()
        .orElseThrow(() -> new ModelCompilationException("no class compiled from " + source.getName()));
  }

  private static String format(DiagnosticCollector<JavaFileObject> diagnostics) {
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .limit(10)
        .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
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
