package dev.designspace.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.designspace.command.ExitCodes;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecException;
import dev.designspace.generator.spec.SpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import picocli.CommandLine;

/**
 * The shipped specs, mistyped as a user might mistype them, are either accepted or refused as bad
 * input (exit 2) that points at the file, line and column; never an internal failure (exit 1) or a
 * stack trace. Mutants are written beside copies of the shipped specs so that {@code extends}
 * resolves as it does in {@code specs/}.
 */
class SpecMutationPropertyTest {
  private static final Path SPECS = Path.of("specs");
  private static final Pattern LOCATED =
      Pattern.compile("error: .*\\.yaml:\\d+:\\d+: .*", Pattern.DOTALL);
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\w.])-?\\d[\\d_]*(\\.\\d+)?([eE][-+]?\\d+)?(?![\\w.])");
  private static final Pattern KEY_VALUE =
      Pattern.compile("(\\w+):[ ]+([^,{}\\[\\]#\\n]+|\\[[^\\]]*\\])");

  /** Numbers a user might type by accident: huge, negative, zero, tiny, not a number. */
  static final List<String> EXTREMES =
      List.of(
          "9999999999999",
          "2147483648",
          "-1",
          "0",
          "-0",
          "0.0000001",
          "1e-300",
          "1e308",
          "-1e308",
          "1e400",
          ".nan",
          ".inf",
          "-.inf",
          "4.5",
          "65536",
          "1000000");

  /** Values of the wrong type for wherever they land. */
  static final List<String> WRONG_TYPES =
      List.of(
          "abc",
          "'12'",
          "[1, 2]",
          "[]",
          "{a: 1}",
          "{}",
          "null",
          "~",
          "true",
          "[[1]]",
          "{dist: uniform}",
          "''",
          "2020-01-01");

  /** Stray YAML syntax. */
  static final List<String> STRAY =
      List.of(
          "[", "]", "{", "}", ": :", "\t", "- ", "&a ", "*a ", "'", "\"", "#", ",", "? ", "!!int ",
          "|", "%");

  private static Path dir;
  private static List<String> specNames;

  enum Kind {
    DELETE_LINE,
    DUPLICATE_LINE,
    EXTREME_NUMBER,
    WRONG_TYPE,
    STRAY_SYNTAX,
    INDENT
  }

  record Mutation(Kind kind, int where, int pick) {
    List<String> apply(List<String> lines) {
      List<String> out = new ArrayList<>(lines);
      if (out.isEmpty()) {
        return out;
      }
      int i = where % out.size();
      String line = out.get(i);
      switch (kind) {
        case DELETE_LINE -> out.remove(i);
        case DUPLICATE_LINE -> out.add(i, line);
        case EXTREME_NUMBER ->
            out.set(i, replace(line, NUMBER, 0, EXTREMES.get(pick % EXTREMES.size())));
        case WRONG_TYPE ->
            out.set(i, replace(line, KEY_VALUE, 2, WRONG_TYPES.get(pick % WRONG_TYPES.size())));
        case STRAY_SYNTAX -> {
          int at = pick % (line.length() + 1);
          out.set(i, line.substring(0, at) + STRAY.get(pick % STRAY.size()) + line.substring(at));
        }
        case INDENT -> {
          String body = line.stripLeading();
          int indent = line.length() - body.length();
          out.set(
              i,
              switch (pick % 4) {
                case 0 -> " " + line;
                case 1 -> line.substring(Math.min(1, indent));
                case 2 -> "\t" + body;
                default -> "   " + line;
              });
        }
        default -> throw new IllegalStateException(kind.toString());
      }
      return out;
    }

    /** Replaces one match of {@code pattern} (the pick-th, cyclically) in the line. */
    private String replace(String line, Pattern pattern, int group, String value) {
      List<int[]> spans = new ArrayList<>();
      Matcher m = pattern.matcher(line);
      while (m.find()) {
        spans.add(new int[] {m.start(group), m.end(group)});
      }
      if (spans.isEmpty()) {
        return line;
      }
      int[] span = spans.get(pick % spans.size());
      return line.substring(0, span[0]) + value + line.substring(span[1]);
    }
  }

  record Mutant(String spec, List<Mutation> mutations) {
    String text() {
      List<String> lines = read(dir.resolve(spec)).lines().toList();
      for (Mutation m : mutations) {
        lines = m.apply(lines);
      }
      return String.join("\n", lines) + "\n";
    }

    @Override
    public String toString() {
      return spec + " " + mutations + ":\n" + text();
    }
  }

  record Run(int exitCode, String out, String err) {}

  @BeforeContainer
  static void copySpecs() throws IOException {
    dir = Files.createTempDirectory("spec-mutants");
    try (Stream<Path> files = Files.list(SPECS)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        Files.copy(p, dir.resolve(p.getFileName()));
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      specNames = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @AfterContainer
  static void deleteCopies() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Mistyped numbers are the likeliest escapes, so they come up most often. */
  private static Arbitrary<Kind> kinds() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(Kind.EXTREME_NUMBER)),
            Tuple.of(2, Arbitraries.just(Kind.WRONG_TYPE)),
        Tuple.of(1, Arbitraries.just(Kind.DELETE_LINE)),
            Tuple.of(1, Arbitraries.just(Kind.DUPLICATE_LINE)),
        Tuple.of(1, Arbitraries.just(Kind.STRAY_SYNTAX)),
            Tuple.of(1, Arbitraries.just(Kind.INDENT)));
  }

  @Provide
  Arbitrary<Mutant> mutants() {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                kinds(),
                Arbitraries.integers().between(0, 999),
                Arbitraries.integers().between(0, 999))
            .as(Mutation::new);
    return Combinators.combine(Arbitraries.of(specNames), mutation.list().ofMinSize(1).ofMaxSize(3))
        .as(Mutant::new);
  }

  @Property(tries = 300)
  void mutatedSpecsAreAcceptedOrRefusedWithALocation(@ForAll("mutants") Mutant mutant)
      throws IOException {
    Path file = dir.resolve("mutant.yaml");
    Files.writeString(file, mutant.text());
    assertOutcome(file);
  }

  /**
   * Runs describe and sample on a spec file: a spec the loader refuses is exit 2 at a location for
   * both; a spec it accepts may still be refused (fixed models to sample, too few models within the
   * candidate budget) but never fail internally. describe samples a sampled space with the full
   * default budget, so it runs on fixed-model specs only, to keep the property fast.
   */
  static void assertOutcome(Path file) {
    Optional<DesignSpace> space;
    try {
      space = Optional.of(SpecLoader.load(file));
    } catch (SpecException e) {
      space = Optional.empty();
    }
    if (space.isEmpty() || !space.get().isSampled()) {
      Run describe = run("describe", file.toString());
      assertNoInternalFailure(describe);
      if (space.isEmpty()) {
        assertThat(describe.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(describe.err()).as("refusal names file:line:column").matches(LOCATED);
      }
    }
    Run sample =
        run("sample", file.toString(), "-n", "2", "--seed", "3", "--max-candidates", "2000");
    assertNoInternalFailure(sample);
    if (space.isEmpty()) {
      assertThat(sample.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(sample.err()).as("refusal names file:line:column").matches(LOCATED);
    }
  }

  private static void assertNoInternalFailure(Run run) {
    assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.BAD_INPUT);
    assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  static Run run(String... args) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          StringWriter out = new StringWriter();
          StringWriter err = new StringWriter();
          CommandLine cli = FailureHandler.install(new CommandLine(new GeneratorMain()));
          cli.setOut(new PrintWriter(out));
          cli.setErr(new PrintWriter(err));
          int code = cli.execute(args);
          return new Run(code, out.toString(), err.toString());
        },
        () -> "timed out: " + String.join(" ", args));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
