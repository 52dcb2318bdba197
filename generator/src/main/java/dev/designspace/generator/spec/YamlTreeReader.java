package dev.designspace.generator.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one YAML document into a {@link YamlNode} tree with locations (Jackson streaming). */
final class YamlTreeReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final String file;

  private YamlTreeReader(String file) {
    this.file = file;
  }

  /** Parses {@code text}; {@code file} is only used in locations. */
  static YamlNode read(String file, String text) {
    YamlTreeReader reader = new YamlTreeReader(file);
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new SpecException(
            new SourceLocation(file, 1, 1),
            "",
            "the file is empty; expected a map with at least 'name'");
      }
      YamlNode root = reader.node(parser);
      if (parser.nextToken() != null) {
        throw new SpecException(
            reader.at(parser.currentTokenLocation()),
            "",
            "a spec holds one YAML document; found a second one");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      SourceLocation location = where == null ? new SourceLocation(file, 1, 1) : reader.at(where);
      throw new SpecException(location, "", "invalid YAML: " + problem(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new SpecException(new SourceLocation(file, 1, 1), "", "cannot read: " + e.getMessage());
    }
  }

  private YamlNode node(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    SourceLocation location = at(parser.currentTokenLocation());
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      throw new SpecException(
          location, "", "YAML aliases (*name) are not supported; write the value out");
    }
    switch (token) {
      case START_OBJECT:
        return mapping(parser, location);
      case START_ARRAY:
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(parser));
        }
        return new YamlNode.Sequence(items, location);
      case VALUE_STRING:
        return new YamlNode.Scalar(parser.getText(), location);
      case VALUE_NUMBER_INT:
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return new YamlNode.Scalar(parser.getDoubleValue(), location);
        }
        return new YamlNode.Scalar(parser.getLongValue(), location);
      case VALUE_NUMBER_FLOAT:
        return new YamlNode.Scalar(parser.getDoubleValue(), location);
      case VALUE_TRUE:
        return new YamlNode.Scalar(Boolean.TRUE, location);
      case VALUE_FALSE:
        return new YamlNode.Scalar(Boolean.FALSE, location);
      case VALUE_NULL:
        return new YamlNode.Scalar(null, location);
      default:
        throw new SpecException(location, "", "unexpected YAML token " + token);
    }
  }

  private YamlNode mapping(JsonParser parser, SourceLocation location) throws IOException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      SourceLocation keyLocation = at(parser.currentTokenLocation());
      YamlNode.Entry previous = entries.get(key);
      if (previous != null) {
        throw new SpecException(
            keyLocation,
            key,
            "duplicate key; first written at line " + previous.keyLocation().line());
      }
      parser.nextToken();
      entries.put(key, new YamlNode.Entry(key, keyLocation, node(parser)));
    }
    return new YamlNode.Mapping(entries, location);
  }

  private SourceLocation at(JsonLocation location) {
    return new SourceLocation(
        file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  /**
   * SnakeYAML's message without its indented parts (position lines and the echoed snippet): the
   * context and the problem, e.g. "while parsing a flow mapping: expected ',' or '}', but got
   * <stream end>".
   */
  private static String problem(String message) {
    if (message == null || message.isBlank()) {
      return "syntax error";
    }
    List<String> parts = new ArrayList<>();
    for (String line : message.split("\n")) {
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        parts.add(line.strip());
      }
    }
    return parts.isEmpty() ? message.strip() : String.join(": ", parts);
  }
}
