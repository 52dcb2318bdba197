package dev.designspace.runtime.refine;

import dev.designspace.runtime.refine.Candidate.Kind;
import dev.designspace.runtime.sweep.SweepContents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The refined spec as YAML text: {@code extends} the sweep's own {@code spec.yaml} (extends already
 * applied there, so the chain stays one file long), then one entry per proposed restriction with
 * its evidence as comments. Lists replace under {@code extends}, so {@code shared} and {@code
 * increasing} repeat the swept spec's entries.
 */
final class RefinedSpecYaml {
  private static final Pattern ROUND = Pattern.compile("(.*)-R(\\d+)");
  private static final int COMMENT_WIDTH = 96;

  private RefinedSpecYaml() {}

  /** {@code Space} becomes {@code Space-R1}, {@code Space-R1} becomes {@code Space-R2}. */
  static String nextName(String name) {
    Matcher m = ROUND.matcher(name);
    return m.matches() ? m.group(1) + "-R" + (Integer.parseInt(m.group(2)) + 1) : name + "-R1";
  }

  static String text(
      SweptSpace space, String name, Path out, List<Candidate> proposals, double alpha, int tests) {
    StringBuilder y = new StringBuilder();
    comment(
        y,
        "",
        String.format(
            Locale.ROOT,
            "%s refined by `designspace refine` from the sweep %s: %d done models; %d candidate"
                + " restriction%s tested at alpha %s overall (Bonferroni), %d supported."
                + " docs/sweeps.md, \"Refining a design space\", has the rules.",
            space.name(),
            space.directory(),
            space.done().size(),
            tests,
            tests == 1 ? "" : "s",
            SpaceRefiner.number(alpha),
            proposals.size()));
    y.append("name: ").append(name).append('\n');
    y.append("description: \"")
        .append(
            (space.description().isEmpty() ? space.name() : space.description())
                .replace("\\", "\\\\")
                .replace("\"", "\\\""))
        .append("; refined: ")
        .append(proposals.stream().map(Candidate::label).collect(Collectors.joining(", ")))
        .append("\"\n");
    y.append("extends: ").append(extendsPath(out, space.directory())).append('\n');
    List<Candidate> ranges = ofKind(proposals, Kind.RANGE);
    if (!ranges.isEmpty()) {
      y.append("sample:\n");
      for (Candidate c : ranges) {
        evidence(y, "  ", c);
        y.append("  ").append(c.parameter()).append(": ").append(c.restricted()).append('\n');
      }
    }
    List<Candidate> shared = ofKind(proposals, Kind.SHARED);
    List<Candidate> increasing = ofKind(proposals, Kind.INCREASING);
    if (!shared.isEmpty() || !increasing.isEmpty()) {
      y.append("constraints:\n");
      list(y, "shared", space.shared(), shared);
      list(y, "increasing", space.increasing(), increasing);
    }
    return y.toString();
  }

  /** Where the sweep's spec.yaml is seen from the refined spec's directory. */
  static String extendsPath(Path out, Path sweep) {
    Path target = sweep.toAbsolutePath().normalize().resolve(SweepContents.SPEC);
    Path from = out.toAbsolutePath().normalize().getParent();
    Path relative;
    try {
      relative = from.relativize(target);
    } catch (IllegalArgumentException e) {
      relative = target; // another file-system root: only an absolute path reaches it
    }
    String path = relative.toString().replace('\\', '/');
    return path.matches("[A-Za-z0-9._/-]+") ? path : "'" + path.replace("'", "''") + "'";
  }

  private static void list(StringBuilder y, String key, List<String> swept, List<Candidate> added) {
    if (added.isEmpty()) {
      return;
    }
    for (Candidate c : added) {
      evidence(y, "  ", c);
    }
    Set<String> all = new LinkedHashSet<>(swept);
    added.forEach(c -> all.add(c.parameter()));
    if (!swept.isEmpty()) {
      comment(
          y, "  ", "the swept spec's " + key + " entries are kept: lists replace under extends");
    }
    y.append("  ").append(key).append(": [").append(String.join(", ", all)).append("]\n");
  }

  private static void evidence(StringBuilder y, String indent, Candidate c) {
    comment(
        y,
        indent,
        c.label()
            + ": "
            + c.rationale()
            + ". "
            + c.evidence().describe()
            + "; "
            + c.verdict()
            + ".");
  }

  private static List<Candidate> ofKind(List<Candidate> proposals, Kind kind) {
    return proposals.stream().filter(c -> c.kind() == kind).toList();
  }

  /** Writes {@code text} as {@code #} lines wrapped at word boundaries. */
  private static void comment(StringBuilder y, String indent, String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0
          && indent.length() + 2 + line.length() + 1 + word.length() > COMMENT_WIDTH) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    for (String l : lines) {
      y.append(indent).append("# ").append(l.replace("\n", " ")).append('\n');
    }
  }
}
