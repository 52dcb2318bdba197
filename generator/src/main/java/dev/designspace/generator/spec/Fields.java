package dev.designspace.generator.spec;

import dev.designspace.generator.text.SpecNumbers;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A YAML map being read as a spec section: rejects unknown keys up front and converts values,
 * turning every mismatch into a {@link SpecException} at the value's location.
 */
final class Fields {
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d[\\d_]*\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final YamlNode.Mapping map;
  private final String path;

  /**
   * @param allowed the keys this section takes, in the order shown in messages
   */
  Fields(YamlNode.Mapping map, String path, List<String> allowed) {
    this.map = map;
    this.path = path;
    for (YamlNode.Entry entry : map.entries().values()) {
      if (!allowed.contains(entry.key())) {
        String hint =
            closest(entry.key(), allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
        throw new SpecException(
            entry.keyLocation(),
            join(path, entry.key()),
            "unknown key; expected one of " + String.join(", ", allowed) + hint);
      }
    }
  }

  static Fields of(YamlNode node, String path, List<String> allowed) {
    return new Fields(asMapping(node, path), path, allowed);
  }

  SourceLocation location() {
    return map.location();
  }

  String path() {
    return path;
  }

  String pathOf(String key) {
    return join(path, key);
  }

  boolean has(String key) {
    return map.entries().containsKey(key);
  }

  /** The value under key, absent when the key is missing (an explicit null is present). */
  Optional<YamlNode> node(String key) {
    YamlNode.Entry entry = map.entries().get(key);
    return entry == null ? Optional.empty() : Optional.of(entry.value());
  }

  YamlNode required(String key, String expected) {
    return node(key)
        .orElseThrow(
            () ->
                new SpecException(
                    map.location(), path, "missing key '" + key + "'; expected " + expected));
  }

  SourceLocation keyLocation(String key) {
    YamlNode.Entry entry = map.entries().get(key);
    return entry == null ? map.location() : entry.keyLocation();
  }

  // ---- value conversions -------------------------------------------------------------------

  static YamlNode.Mapping asMapping(YamlNode node, String path) {
    if (node instanceof YamlNode.Mapping m) {
      return m;
    }
    throw new SpecException(node.location(), path, "expected a map, got " + node.describe());
  }

  static List<YamlNode> asList(YamlNode node, String path) {
    if (node instanceof YamlNode.Sequence s) {
      return s.items();
    }
    throw new SpecException(node.location(), path, "expected a list, got " + node.describe());
  }

  static String asString(YamlNode node, String path) {
    if (node instanceof YamlNode.Scalar s && s.value() instanceof String text) {
      return text;
    }
    throw new SpecException(node.location(), path, "expected a string, got " + node.describe());
  }

  /** A number; plain YAML scalars such as {@code 360e6} (a string to YAML 1.1) count too. */
  static double asNumber(YamlNode node, String path) {
    if (node instanceof YamlNode.Scalar s) {
      Object v = s.value();
      double d = Double.NaN;
      if (v instanceof Long l) {
        d = l;
      } else if (v instanceof Double x) {
        d = x;
      } else if (v instanceof String text && NUMBER.matcher(text.trim()).matches()) {
        d = Double.parseDouble(text.trim().replace("_", ""));
      }
      if (Double.isFinite(d)) {
        return d;
      }
    }
    throw new SpecException(node.location(), path, "expected a number, got " + node.describe());
  }

  static int asInt(YamlNode node, String path, int min) {
    return asInt(node, path, new SpecLimits.IntRange(min, Integer.MAX_VALUE, ""));
  }

  /** A whole number in {@code range}; out of range is refused at the value, never narrowed. */
  static int asInt(YamlNode node, String path, SpecLimits.IntRange range) {
    double d = asNumber(node, path);
    if (d != Math.rint(d)) {
      throw new SpecException(
          node.location(), path, "expected an integer, got " + SpecNumbers.format(d));
    }
    if (d < range.min()) {
      throw new SpecException(
          node.location(), path, "must be >= " + range.min() + ", got " + SpecNumbers.format(d));
    }
    if (d > range.max()) {
      throw new SpecException(
          node.location(),
          path,
          "must be <= "
              + range.max()
              + (range.why().isEmpty() ? "" : " (" + range.why() + ")")
              + ", got "
              + SpecNumbers.format(d));
    }
    return (int) d;
  }

  static boolean isNull(YamlNode node) {
    return node instanceof YamlNode.Scalar s && s.value() == null;
  }

  // ---- typed getters with defaults ---------------------------------------------------------

  String string(String key, String fallback) {
    return node(key).map(n -> asString(n, pathOf(key))).orElse(fallback);
  }

  int integer(String key, int fallback, SpecLimits.IntRange range) {
    return node(key).map(n -> asInt(n, pathOf(key), range)).orElse(fallback);
  }

  double number(String key, double fallback) {
    return node(key).map(n -> asNumber(n, pathOf(key))).orElse(fallback);
  }

  Optional<Fields> section(String key, List<String> allowed) {
    return node(key).map(n -> of(n, pathOf(key), allowed));
  }

  /** A string that must be one of {@code choices}. */
  String oneOf(String key, String fallback, Set<String> choices, List<String> shown) {
    Optional<YamlNode> n = node(key);
    if (n.isEmpty()) {
      return fallback;
    }
    String value = asString(n.get(), pathOf(key));
    if (!choices.contains(value)) {
      String hint = closest(value, shown).map(s -> " (did you mean '" + s + "'?)").orElse("");
      throw new SpecException(
          n.get().location(),
          pathOf(key),
          "expected one of " + String.join(", ", shown) + ", got '" + value + "'" + hint);
    }
    return value;
  }

  // ---- helpers ------------------------------------------------------------------------------

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The allowed word nearest to a misspelt one, if it is close enough to be a likely typo. */
  static Optional<String> closest(String word, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = editDistance(word, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    boolean likelyTypo =
        bestDistance <= Math.max(1, word.length() / 3) && bestDistance < word.length();
    return best != null && likelyTypo ? Optional.of(best) : Optional.empty();
  }

  /** Optimal string alignment distance: edits and adjacent transpositions ("widht") cost 1. */
  private static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
