package dev.designspace.runtime.compile;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath generated code compiles against: the process's classpath with the {@code
 * Class-Path} entries of its jars expanded ({@code java -jar designspace-runtime.jar} puts only the
 * jar itself on {@code java.class.path}).
 */
public final class CompilationClasspath {
  private CompilationClasspath() {}

  public static List<File> current() {
    Set<File> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        add(new File(entry).getAbsoluteFile(), entries);
      }
    }
    return new ArrayList<>(entries);
  }

  private static void add(File file, Set<File> entries) {
    if (!file.exists() || !entries.add(file) || !file.getName().endsWith(".jar")) {
      return;
    }
    try (JarFile jar = new JarFile(file)) {
      Manifest manifest = jar.getManifest();
      String classPath =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (classPath == null) {
        return;
      }
      for (String relative : classPath.trim().split("\\s+")) {
        add(new File(file.getParentFile(), relative).getAbsoluteFile(), entries);
      }
    } catch (IOException e) {
      // an unreadable jar cannot help compilation; javac reports what is then missing
    }
  }
}
