package dev.designspace.runtime.cli;

import dev.designspace.command.ExitCodes;
import dev.designspace.runtime.refine.Candidate;
import dev.designspace.runtime.refine.GroupEvidence;
import dev.designspace.runtime.refine.RefineException;
import dev.designspace.runtime.refine.RefineRequest;
import dev.designspace.runtime.refine.RefineResult;
import dev.designspace.runtime.refine.SpaceRefiner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code refine}: the next design space from a finished sweep. */
@Command(
    name = "refine",
    mixinStandardHelpOptions = true,
    description = {
      "Proposes the next design space from a sweep, as a spec extending it.",
      "Tests each candidate restriction - a parameter's bootstrap good range, values shared or"
          + " increasing across stages - by comparing the errors of the models that satisfy it"
          + " with the rest (one-sided Mann-Whitney, Bonferroni over the tests), prints what it"
          + " proposes and why, and writes the supported ones with their evidence as comments."
          + " Exits 2 when the sweep is too small or supports no restriction."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace refine runs/demo/fmnist-regnet-x",
      "  designspace sweep runs/demo/fmnist-regnet-x/refined.yaml -n 20 --out runs/regnet-r1",
      "  designspace report runs/demo/fmnist-regnet-x runs/regnet-r1"
    })
public final class RefineCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "SWEEP_DIR", description = "A sweep directory.")
  Path dir;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "The refined spec (default: SWEEP_DIR/" + RefineRequest.DEFAULT_FILE + ").")
  Path out;

  @Option(
      names = "--alpha",
      paramLabel = "A",
      defaultValue = "0.05",
      description =
          "Significance level shared by all tests, split evenly among them (default:"
              + " ${DEFAULT-VALUE}).")
  double alpha;

  @Override
  public Integer call() throws Exception {
    RefineResult result = SpaceRefiner.refine(new RefineRequest(dir, out, alpha));
    PrintWriter stdout = command.commandLine().getOut();
    stdout.printf(
        Locale.ROOT,
        "refine: %s, %d done models; each test at %s%n",
        result.sweep(),
        result.models(),
        SpaceRefiner.number(result.threshold()));
    for (Candidate c : result.candidates()) {
      print(stdout, c);
    }
    stdout.flush();
    if (result.written().isEmpty()) {
      throw new RefineException(
          "the sweep supports no restriction (each candidate's reason is printed above): sweep"
              + " the space again with more models (a larger -n, into another --out), or keep it"
              + " as it is");
    }
    Path file = result.written().get();
    stdout.println("wrote " + file + " (" + result.name() + ")");
    Path next = dir.toAbsolutePath().normalize().resolveSibling(dir.getFileName() + "-refined");
    stdout.println(
        "next: designspace sweep "
            + file
            + " -n "
            + result.models()
            + " --out "
            + next
            + ", then designspace report "
            + dir
            + " "
            + next);
    stdout.flush();
    return ExitCodes.OK;
  }

  private static void print(PrintWriter out, Candidate c) {
    out.printf(
        Locale.ROOT,
        "  %-12s %s%s%n",
        c.proposed() ? "proposed" : "not proposed",
        c.label(),
        c.proposed() && c.restricted() != null ? " -> " + c.restricted() : "");
    out.println("      " + c.rationale());
    GroupEvidence e = c.evidence();
    if (e != null) {
      out.println("      " + e.describe());
    }
    out.println("      " + c.verdict());
  }
}
