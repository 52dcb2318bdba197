package dev.designspace.generator.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A study as data: the design spaces it sweeps and the comparisons it asks, each with what the
 * paper found (the answer it expects) and where. Read by {@link StudySpecLoader}.
 *
 * @param file where it was read from (locations in messages)
 */
public record StudySpec(
    String name, String description, Path file, List<Space> spaces, List<Comparison> comparisons) {

  /**
   * One design space of the study.
   *
   * @param spec its spec file, resolved against the study file's directory
   * @param name the space's name, as its spec gives it: how comparisons name it
   * @param train training options for this space's models, as {@code train} takes them ({@code
   *     --epochs 8}), after the study's own
   */
  public record Space(Path spec, String name, List<String> train) {
    public Space {
      Objects.requireNonNull(spec, "spec");
      train = List.copyOf(train);
    }
  }

  /** What the paper found for a comparison, as the question that expects it. */
  public enum Expectation {
    /** The later space is better: its error EDF lies above the earlier one's. */
    BETTER,
    /** The restriction loses nothing: no worse than the earlier space, within the margin. */
    NO_WORSE,
    /** Neither better nor worse, within the margin. */
    AS_GOOD_AS;

    /** As a study file writes it: {@code better}, {@code no worse}, {@code as good as}. */
    public String words() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * A comparison: is space {@code to} ({@code b}) {@link Expectation better / no worse / as good
   * as} space {@code from} ({@code a}), as the paper found.
   *
   * @param claim what the paper found, in words
   * @param figure where: "Figure 5", "section 4"
   */
  public record Comparison(
      String from, String to, Expectation expect, String claim, String figure) {}

  public StudySpec {
    spaces = List.copyOf(spaces);
    comparisons = List.copyOf(comparisons);
  }

  /** The claim with the figure it comes from: "a shared ... loses nothing (Figure 5)". */
  public static String claimWithFigure(Comparison c) {
    return c.figure().isEmpty() ? c.claim() : c.claim() + " (" + c.figure() + ")";
  }
}
