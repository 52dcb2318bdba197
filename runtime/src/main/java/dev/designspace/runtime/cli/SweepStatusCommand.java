package dev.designspace.runtime.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodes;
import dev.designspace.runtime.report.ReportBuilder;
import dev.designspace.runtime.slurm.ShellWords;
import dev.designspace.runtime.slurm.SlurmSweep;
import dev.designspace.runtime.sweep.SweepCollector;
import dev.designspace.runtime.sweep.SweepStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sweep status DIR}: where a sweep stands. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows where a sweep stands: its models done, failed, diverged, running and pending.",
      "Reads the result files and asks squeue, says why the failed models failed, and collects "
          + "sweep.json and sweep.csv from the results so far. Once every model has finished"
          + " (as a Slurm sweep's do on their own), writes the sweep's report.html with its"
          + " figures; prints the report's path when there is one."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  designspace sweep status runs/regnetx"})
final class SweepStatusCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "DIR", description = "A sweep directory.")
  Path directory;

  @Override
  public Integer call() throws IOException {
    return show(directory, "sweep status", command.commandLine());
  }

  /** The command a user runs to see where the sweep in {@code directory} stands. */
  static String commandFor(Path directory) {
    return "designspace sweep status " + ShellWords.word(directory.toString());
  }

  /**
   * Prints the status of the sweep in {@code directory}; {@code asked} names the command or option
   * the user gave, for the message when it is not a directory.
   */
  static int show(Path directory, String asked, CommandLine commandLine) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new BadInputException(asked + " reads a sweep directory; " + directory + " is not one");
    }
    SweepStatus s = SweepStatus.read(directory, SlurmSweep::queue);
    PrintWriter stdout = commandLine.getOut();
    String queue =
        s.queueKnown()
            ? String.format(
                Locale.ROOT,
                ", running %d, pending %d%s",
                s.running(),
                s.pending(),
                s.notQueued() == 0
                    ? ""
                    : ", not queued " + s.notQueued() + " (submit again to resume them)")
            : String.format(
                Locale.ROOT,
                ", unfinished %d%s",
                s.unfinished(),
                s.slurmUsed() ? " (squeue did not answer about its Slurm tasks)" : "");
    stdout.println(
        String.format(
            Locale.ROOT,
            "%s: %d models: done %d, failed %d%s, diverged %d%s",
            directory,
            s.total(),
            s.done(),
            s.failed(),
            s.lost() == 0
                ? ""
                : String.format(
                    Locale.ROOT,
                    " (%d lost to their environment: the sweep command trains them again)",
                    s.lost()),
            s.diverged(),
            queue));
    if (s.best() != null) {
      stdout.println("  best " + ProgressLines.ended(s.best()));
    }
    for (String failure : s.failures()) {
      stdout.println("  failed " + failure);
    }
    stdout.flush();
    try {
      SweepCollector.collect(
          directory, true); // sweep.json and sweep.csv with the results so far (Slurm writes none)
    } catch (IOException e) {
      PrintWriter err = commandLine.getErr();
      err.println(
          "warning: could not write sweep.json and sweep.csv in "
              + directory
              + ": "
              + e.getMessage());
      err.flush();
    }
    if (s.total() > 0 && s.unfinished() == 0) {
      writeReport(directory, commandLine.getErr());
    }
    Path report = directory.resolve(ReportBuilder.REPORT_HTML);
    if (Files.isRegularFile(report)) {
      stdout.println("report: " + report);
      stdout.flush();
    }
    return ExitCodes.OK;
  }

  /** Writes the sweep's own report.html (and its figures) into {@code directory}. */
  static Optional<Path> writeReport(Path directory, PrintWriter err) {
    return ReportBuilder.buildInSweep(
        directory,
        line -> {
          err.println(line);
          err.flush();
        });
  }
}
