package dev.designspace.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.designspace.model.ModelInfo;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * designspace-layers and designspace-model are what a project using generated classes pulls: this
 * module's classpath (its dependencies, designspace-model's, and test libraries) must not contain
 * the tool libraries the runtime uses, and the compiled classes of both modules must refer to
 * nothing but the JDK, TensorFlow and each other.
 */
class LayersDependenciesTest {

  /** A class or array type inside a descriptor or generic signature: {@code Lorg/x/Y;}. */
  private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

  /** What the layer classes may use: the JDK, TensorFlow, designspace-model and themselves. */
  private static final List<String> LAYERS_MAY_USE =
      List.of("java/", "org/tensorflow/", "dev/designspace/model/", "dev/designspace/layers/");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "picocli.CommandLine", // picocli
        "freemarker.template.Configuration", // Freemarker
        "org.jfree.chart.JFreeChart", // JFreeChart
        "org.jfree.svg.SVGGraphics2D", // JFreeSVG
        "org.apache.commons.math3.util.FastMath", // commons-math3
        "me.tongfei.progressbar.ProgressBar", // progressbar
        "com.fasterxml.jackson.databind.ObjectMapper", // Jackson
        "dev.designspace.generator.network.NetworkConfig", // the generator and its JavaPoet
        "com.palantir.javapoet.JavaFile",
        "dev.designspace.runtime.cli.DesignspaceMain"
      })
  void aToolLibraryIsNotOnTheClasspath(String className) {
    assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void theLayerClassesReferOnlyToTheJdkTensorFlowAndTheModel() throws Exception {
    Set<String> referenced = referencedClasses(Layers.class);

    // the scan does read this module's classes and what they use
    assertThat(referenced).contains("dev/designspace/layers/Layers", "org/tensorflow/op/Ops");
    assertThat(referenced).contains("dev/designspace/model/ModelInfo");
    assertThat(referenced)
        .filteredOn(name -> LAYERS_MAY_USE.stream().noneMatch(name::startsWith))
        .as("classes outside the JDK, TensorFlow and designspace-model that the layer classes use")
        .isEmpty();
  }

  @Test
  void theModelClassesReferOnlyToTheJdk() throws Exception {
    Set<String> referenced = referencedClasses(ModelInfo.class);

    assertThat(referenced).contains("dev/designspace/model/ModelInfo", "java/util/Optional");
    assertThat(referenced)
        .filteredOn(name -> !name.startsWith("java/") && !name.startsWith("dev/designspace/model/"))
        .as("classes outside the JDK that designspace-model uses")
        .isEmpty();
  }

  @Test
  void everyClassTheLayerClassesUseIsOnTheClasspath() throws Exception {
    // the classpath check above means something only if this classpath does hold what generated
    // code uses: TensorFlow and designspace-model, resolved here as a user's build resolves them
    ClassLoader loader = getClass().getClassLoader();
    assertThat(referencedClasses(Layers.class))
        .filteredOn(
            name -> !name.startsWith("java/") && !name.startsWith("dev/designspace/layers/"))
        .isNotEmpty()
        .allSatisfy(
            name ->
                assertThatCode(() -> Class.forName(name.replace('/', '.'), false, loader))
                    .as(name)
                    .doesNotThrowAnyException());
  }

  /**
   * The classes (internal names, {@code java/util/List}) that the compiled classes of {@code
   * member}'s module refer to, its own included: the module's class directory or jar, as this
   * test's classpath has it.
   */
  private static Set<String> referencedClasses(Class<?> member)
      throws IOException, URISyntaxException {
    Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(location)) {
      return referencedClasses(location);
    }
    try (FileSystem jar = FileSystems.newFileSystem(location)) {
      return referencedClasses(jar.getPath("/"));
    }
  }

  private static Set<String> referencedClasses(Path root) throws IOException {
    List<Path> classFiles;
    try (Stream<Path> files = Files.walk(root)) {
      classFiles = files.filter(file -> file.toString().endsWith(".class")).toList();
    }
    assertThat(classFiles).as("class files under " + root).isNotEmpty();
    Set<String> referenced = new TreeSet<>();
    for (Path classFile : classFiles) {
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(classFile)))) {
        referenced.addAll(constantPoolClasses(in, classFile));
      }
    }
    return referenced;
  }

  /**
   * The classes one class file's constant pool names: its class entries and the types in its
   * descriptors and signatures (string literals left out), which covers every class the code uses,
   * declares or extends.
   */
  private static Set<String> constantPoolClasses(DataInputStream in, Path classFile)
      throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException(classFile + " is not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    Map<Integer, String> utf8 = new HashMap<>();
    List<Integer> classNames = new ArrayList<>();
    Set<Integer> stringLiterals = new HashSet<>();
    for (int index = 1; index < count; index++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8.put(index, in.readUTF()); // Utf8 (modified UTF-8, as readUTF reads)
        case 7 -> classNames.add(in.readUnsignedShort()); // Class
        case 8 -> stringLiterals.add(in.readUnsignedShort()); // String
        case 16, 19, 20 -> in.skipNBytes(2); // MethodType, Module, Package
        case 15 -> in.skipNBytes(3); // MethodHandle
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // Integer ... InvokeDynamic
        case 5, 6 -> { // Long, Double: two entries
          in.skipNBytes(8);
          index++;
        }
        default -> throw new IOException(classFile + ": constant pool tag " + tag);
      }
    }
    Set<String> classes = new HashSet<>();
    for (int nameIndex : classNames) {
      String name = utf8.get(nameIndex);
      if (!name.startsWith("[")) { // array classes are descriptors, read below
        classes.add(name);
      }
    }
    utf8.forEach(
        (index, text) -> {
          if (!stringLiterals.contains(index)) {
            Matcher type = TYPE_IN_DESCRIPTOR.matcher(text);
            while (type.find()) {
              if (type.group(1).contains("/")) { // not a type variable such as TLayer;
                classes.add(type.group(1));
              }
            }
          }
        });
    return classes;
  }
}
