package dev.designspace.generator.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value that knows where it was written. */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

  SourceLocation location();

  /** What kind of value this is, for messages: "a string 'abc'", "a list", "a map". */
  String describe();

  /** A scalar: {@link String}, {@link Long}, {@link Double}, {@link Boolean}, or null. */
  record Scalar(Object value, SourceLocation location) implements YamlNode {
    @Override
    public String describe() {
      if (value == null) {
        return "null";
      }
      if (value instanceof String s) {
        return "string '" + s + "'";
      }
      if (value instanceof Boolean) {
        return "boolean " + value;
      }
      return "number " + value;
    }
  }

  record Sequence(List<YamlNode> items, SourceLocation location) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A map entry keeps its key's location, so unknown keys are reported where they are written. */
  record Entry(String key, SourceLocation keyLocation, YamlNode value) {}

  record Mapping(Map<String, Entry> entries, SourceLocation location) implements YamlNode {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String describe() {
      return "a map";
    }
  }
}
