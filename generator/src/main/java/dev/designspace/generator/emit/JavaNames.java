package dev.designspace.generator.emit;

import dev.designspace.command.BadInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.SourceVersion;

/** Java identifiers derived from model names, and package-name validation. */
public final class JavaNames {
  private JavaNames() {}

  /**
   * The class name of a model: '-' dropped, '.' to '_', first letter upper case, so {@code
   * RegNetX-200MF} gives {@code RegNetX200MF} and {@code RegNetX-1.6GF} gives {@code RegNetX1_6GF}
   * (distinct from {@code RegNetX-16GF}).
   *
   * @throws IllegalArgumentException if no valid identifier results
   */
  public static String className(String modelName) {
    StringBuilder sb = new StringBuilder();
    for (char c : modelName.toCharArray()) {
      if (c == '-') {
        continue;
      }
      sb.append(c == '.' ? '_' : c);
    }
    if (sb.length() == 0) {
      throw new BadInputException("model name '" + modelName + "' gives no class name");
    }
    sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
    String name = sb.toString();
    if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
      throw new BadInputException(
          "model name '" + modelName + "' does not give a Java class name (got '" + name + "')");
    }
    return name;
  }

  /**
   * Checks that names map to distinct classes, also on case-insensitive file systems.
   *
   * @throws IllegalArgumentException naming the two models that collide
   */
  public static void requireDistinct(List<String> modelNames) {
    Map<String, String> seen = new HashMap<>();
    for (String model : modelNames) {
      String key = className(model).toLowerCase(Locale.ROOT);
      String other = seen.putIfAbsent(key, model);
      if (other != null) {
        throw new BadInputException(
            "models '"
                + other
                + "' and '"
                + model
                + "' would both be class "
                + className(model)
                + " (file names ignore case on some systems); rename one");
      }
    }
  }

  /**
   * @throws IllegalArgumentException unless {@code name} is a valid, keyword-free package name
   */
  public static void requirePackageName(String name) {
    if (!SourceVersion.isName(name)) {
      throw new BadInputException(
          "'" + name + "' is not a Java package name (dot-separated identifiers, no keywords)");
    }
  }
}
