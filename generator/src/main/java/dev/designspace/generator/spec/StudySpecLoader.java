package dev.designspace.generator.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a study file:
 *
 * <pre>
 * name: progression
 * description: the paper's section 3, AnyNetXA to RegNetX
 * spaces:
 *   - spec: ../fmnist-anynet-xa.yaml
 *   - spec: ../fmnist-regnet-x.yaml
 *     train: {epochs: 4}
 * comparisons:
 *   - {from: FmnistAnyNetXA, to: FmnistRegNetX, expect: better,
 *      claim: RegNetX is better than AnyNetXA, figure: Figure 9}
 * </pre>
 *
 * Spec paths are relative to the study file; comparisons name spaces by the names their specs give
 * them. Every mistake is a {@link SpecException} at its file:line:column.
 */
public final class StudySpecLoader {
  private static final List<String> TOP = List.of("name", "description", "spaces", "comparisons");
  private static final List<String> SPACE = List.of("spec", "train");
  private static final List<String> COMPARISON = List.of("from", "to", "expect", "claim", "figure");

  /** Options of train that a sweep gives every model itself (which model, where, how parallel). */
  private static final java.util.Set<String> SET_BY_THE_SWEEP =
      java.util.Set.of("model", "index", "seed", "out", "resume", "threads");

  private StudySpecLoader() {}

  /**
   * @throws SpecException for a missing file, invalid YAML, an unknown key, a spec that does not
   *     load, two spaces of one name, or a comparison of a space the study does not have
   */
  public static StudySpec load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SpecException(new SourceLocation(file.toString(), 1, 1), "", "no such file");
    } catch (IOException e) {
      throw new SpecException(
          new SourceLocation(file.toString(), 1, 1), "", "cannot read: " + e.getMessage());
    }
    Fields top = Fields.of(YamlTreeReader.read(file.toString(), text), "", TOP);
    String name = Fields.asString(top.required("name", "the study's name"), "name");
    String description = top.string("description", "");
    List<StudySpec.Space> spaces = new ArrayList<>();
    Map<String, SourceLocation> names = new LinkedHashMap<>();
    List<YamlNode> spaceNodes =
        Fields.asList(top.required("spaces", "a list of {spec: FILE}"), "spaces");
    for (int i = 0; i < spaceNodes.size(); i++) {
      String path = "spaces[" + i + "]";
      Fields s = Fields.of(spaceNodes.get(i), path, SPACE);
      YamlNode specNode = s.required("spec", "the space's spec file");
      Path spec = resolve(file, Fields.asString(specNode, path + ".spec"));
      String spaceName;
      try {
        spaceName = SpecLoader.load(spec).name();
      } catch (SpecException e) {
        throw new SpecException(
            specNode.location(), path + ".spec", "the spec does not load: " + e.getMessage());
      }
      SourceLocation before = names.putIfAbsent(spaceName, specNode.location());
      if (before != null) {
        throw new SpecException(
            specNode.location(),
            path + ".spec",
            "a second space named "
                + spaceName
                + " (the first at "
                + before
                + "); comparisons name spaces by name: give the spec another name (extends"
                + " keeps the rest)");
      }
      for (StudySpec.Space other : spaces) {
        if (other.spec().getFileName().equals(spec.getFileName())) {
          throw new SpecException(
              specNode.location(),
              path + ".spec",
              "a second spec named "
                  + spec.getFileName()
                  + ": each space's sweep directory is named after its spec file; rename one");
        }
      }
      spaces.add(new StudySpec.Space(spec, spaceName, train(s, path)));
    }
    if (spaces.size() < 2) {
      throw new SpecException(top.location(), "spaces", "a study needs at least 2 spaces");
    }
    List<StudySpec.Comparison> comparisons = new ArrayList<>();
    List<YamlNode> comparisonNodes =
        Fields.asList(
            top.required("comparisons", "a list of {from, to, expect, claim}"), "comparisons");
    List<String> known = new ArrayList<>(names.keySet());
    for (int i = 0; i < comparisonNodes.size(); i++) {
      String path = "comparisons[" + i + "]";
      Fields c = Fields.of(comparisonNodes.get(i), path, COMPARISON);
      String from = space(c, "from", known);
      String to = space(c, "to", known);
      if (from.equals(to)) {
        throw new SpecException(
            c.keyLocation("to"), path + ".to", "compares " + to + " with itself");
      }
      String expect =
          c.oneOf(
              "expect",
              null,
              java.util.Set.of("better", "no worse", "as good as"),
              List.of("better", "no worse", "as good as"));
      if (expect == null) {
        throw new SpecException(
            c.location(), path, "missing key 'expect'; expected better, no worse or as good as");
      }
      String claim = Fields.asString(c.required("claim", "what the paper found"), path + ".claim");
      comparisons.add(
          new StudySpec.Comparison(
              from,
              to,
              StudySpec.Expectation.valueOf(
                  expect.toUpperCase(java.util.Locale.ROOT).replace(' ', '_')),
              claim,
              c.string("figure", "")));
    }
    if (comparisons.isEmpty()) {
      throw new SpecException(top.location(), "comparisons", "a study asks at least 1 comparison");
    }
    return new StudySpec(name, description, file, spaces, comparisons);
  }

  private static Path resolve(Path studyFile, String spec) {
    Path p = Path.of(spec);
    Path dir = studyFile.toAbsolutePath().getParent();
    return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
  }

  private static String space(Fields c, String key, List<String> known) {
    YamlNode node = c.required(key, "a space's name");
    String name = Fields.asString(node, c.pathOf(key));
    if (!known.contains(name)) {
      String hint = Fields.closest(name, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
      throw new SpecException(
          node.location(),
          c.pathOf(key),
          "no space of the study is named '"
              + name
              + "'; its spaces are "
              + String.join(", ", known)
              + hint);
    }
    return name;
  }

  /**
   * The space's training options as arguments of {@code train}: {@code {epochs: 8, lr: 0.2}} is
   * {@code --epochs 8 --lr 0.2}.
   */
  private static List<String> train(Fields space, String path) {
    Optional<YamlNode> node = space.node("train");
    if (node.isEmpty()) {
      return List.of();
    }
    YamlNode.Mapping options = Fields.asMapping(node.get(), path + ".train");
    List<String> args = new ArrayList<>();
    for (YamlNode.Entry e : options.entries().values()) {
      if (!(e.value() instanceof YamlNode.Scalar scalar) || scalar.value() == null) {
        throw new SpecException(
            e.value().location(),
            path + ".train." + e.key(),
            "expected a value, got " + e.value().describe());
      }
      if (SET_BY_THE_SWEEP.contains(e.key())) {
        throw new SpecException(
            e.keyLocation(),
            path + ".train." + e.key(),
            "the sweep sets --"
                + e.key()
                + " itself for every model; a space's train options say how it trains, not where");
      }
      if (!e.key().matches("[a-z][a-z0-9-]*")) {
        throw new SpecException(
            e.keyLocation(),
            path + ".train." + e.key(),
            "a training option is written as train takes it without its dashes, e.g. epochs or"
                + " weight-decay");
      }
      if (scalar.value() instanceof Boolean flag) { // a switch: given when true
        if (flag) {
          args.add("--" + e.key());
        }
      } else {
        Object v = scalar.value();
        String value =
            v instanceof Double d
                ? java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                : String.valueOf(v);
        args.addAll(Arrays.asList("--" + e.key(), value));
      }
    }
    return args;
  }
}
