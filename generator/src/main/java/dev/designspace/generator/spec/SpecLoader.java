package dev.designspace.generator.spec;

import dev.designspace.generator.space.DesignSpace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a spec file: reads it, follows {@code extends} (relative to the extending file; maps merge,
 * lists and scalars replace), and validates the result.
 */
public final class SpecLoader {

  private SpecLoader() {}

  /**
   * Loads and validates {@code file}. Locations in errors use the path as given, so a user who
   * typed {@code specs/x.yaml} reads {@code specs/x.yaml:12:7}.
   *
   * @throws SpecException when the spec or a file it extends is missing or invalid
   */
  public static DesignSpace load(Path file) {
    YamlNode tree = resolve(file, new ArrayDeque<>(), null);
    return SpecInterpreter.interpret(file.toString(), tree);
  }

  /** The spec with {@code extends} applied, as YAML (what a sweep records as its spec.yaml). */
  public static String resolvedYaml(Path file) {
    YamlNode tree = resolve(file, new ArrayDeque<>(), null);
    SpecInterpreter.interpret(file.toString(), tree); // only valid specs are recorded
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper(
              new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
          .writeValueAsString(plain(tree));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  private static Object plain(YamlNode node) {
    if (node instanceof YamlNode.Scalar s) {
      return s.value();
    }
    if (node instanceof YamlNode.Sequence seq) {
      return seq.items().stream().map(SpecLoader::plain).toList();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((YamlNode.Mapping) node).entries().forEach((k, e) -> out.put(k, plain(e.value())));
    return out;
  }

  /**
   * Loads a spec from text (tests, stdin); {@code extends} resolves against {@code file}'s
   * directory.
   */
  public static DesignSpace load(Path file, String text) {
    YamlNode tree = resolveText(file, text, new ArrayDeque<>());
    return SpecInterpreter.interpret(file.toString(), tree);
  }

  private static YamlNode resolve(Path file, Deque<Path> chain, SourceLocation extendedFrom) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw missing(file, extendedFrom, "no such file");
    } catch (IOException e) {
      throw missing(file, extendedFrom, e.getMessage());
    }
    return resolveText(file, text, chain);
  }

  private static SpecException missing(Path file, SourceLocation extendedFrom, String why) {
    SourceLocation where =
        extendedFrom != null ? extendedFrom : new SourceLocation(file.toString(), 1, 1);
    return new SpecException(
        where, extendedFrom != null ? "extends" : "", "cannot read spec '" + file + "': " + why);
  }

  private static YamlNode resolveText(Path file, String text, Deque<Path> chain) {
    Path identity = file.toAbsolutePath().normalize();
    chain.addLast(identity);
    YamlNode tree = YamlTreeReader.read(file.toString(), text);
    if (!(tree instanceof YamlNode.Mapping map)) {
      throw new SpecException(
          tree.location(), "", "expected a map with at least 'name', got " + tree.describe());
    }
    YamlNode.Entry extendsEntry = map.entries().get("extends");
    if (extendsEntry == null) {
      chain.removeLast();
      return tree;
    }
    String target = Fields.asString(extendsEntry.value(), "extends");
    Path parentDir = file.getParent();
    Path baseFile = (parentDir == null ? Path.of(target) : parentDir.resolve(target)).normalize();
    if (chain.contains(baseFile.toAbsolutePath().normalize())) {
      List<String> names = new ArrayList<>();
      boolean inCycle = false;
      for (Path p : chain) {
        inCycle |= p.equals(baseFile.toAbsolutePath().normalize());
        if (inCycle) {
          names.add(p.getFileName().toString());
        }
      }
      names.add(baseFile.getFileName().toString());
      throw new SpecException(
          extendsEntry.value().location(),
          "extends",
          "cyclic extends: " + String.join(" -> ", names));
    }
    YamlNode base = resolve(baseFile, chain, extendsEntry.value().location());
    Map<String, YamlNode.Entry> own = new LinkedHashMap<>(map.entries());
    own.remove("extends");
    chain.removeLast();
    return merge(base, new YamlNode.Mapping(own, map.location()));
  }

  /** Maps merge key by key (recursively); anything else in {@code child} replaces {@code base}. */
  static YamlNode merge(YamlNode base, YamlNode child) {
    if (!(base instanceof YamlNode.Mapping b) || !(child instanceof YamlNode.Mapping c)) {
      return child;
    }
    Map<String, YamlNode.Entry> merged = new LinkedHashMap<>();
    for (YamlNode.Entry entry : b.entries().values()) {
      YamlNode.Entry override = c.entries().get(entry.key());
      merged.put(
          entry.key(),
          override == null
              ? entry
              : new YamlNode.Entry(
                  entry.key(), override.keyLocation(), merge(entry.value(), override.value())));
    }
    for (YamlNode.Entry entry : c.entries().values()) {
      merged.putIfAbsent(entry.key(), entry);
    }
    return new YamlNode.Mapping(merged, c.location());
  }
}
