package dev.designspace.runtime.cli;

import dev.designspace.command.VersionProvider;
import dev.designspace.generator.cli.DescribeCommand;
import dev.designspace.generator.cli.FailureHandler;
import dev.designspace.generator.cli.FitCommand;
import dev.designspace.generator.cli.GenCommand;
import dev.designspace.generator.cli.SampleCommand;
import dev.designspace.runtime.bench.BenchCommand;
import dev.designspace.runtime.bench.DecisionBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code designspace}: the tool's single executable. */
@Command(
    name = "designspace",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Describes design spaces of neural networks in YAML, samples models under complexity"
          + " constraints, and compares spaces.",
      "The method of Radosavovic et al., Designing Network Design Spaces: sample models from a"
          + " space, train them briefly, and compare spaces by the distribution of their errors."
    },
    subcommands = {
      GenCommand.class,
      SampleCommand.class,
      DescribeCommand.class,
      FitCommand.class,
      SummaryCommand.class,
      TrainCommand.class,
      ExportCommand.class,
      PredictCommand.class,
      SweepCommand.class,
      ReportCommand.class,
      CompareCommand.class,
      RefineCommand.class,
      DemoCommand.class,
      StudyCommand.class,
      BenchCommand.class,
      DecisionBenchCommand.class,
      SweepWorkerCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  failure while running",
      "  2  bad input (usage, spec, data)",
      "  3  sweep: models lost to their environment (full disk, killed worker) or not trained;"
          + " run the same command again to train them"
    })
public final class DesignspaceMain implements Runnable {

  @Option(
      names = "--stacktrace",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of a failure.")
  boolean stacktrace;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(command.commandLine(), "Missing required subcommand");
  }

  public static void main(String[] args) {
    skipResidentSizeChecks();
    System.exit(execute(args));
  }

  /**
   * JavaCPP reads the process's resident size on every native allocation to enforce its {@code
   * org.bytedeco.javacpp.maxPhysicalBytes} limit (default twice the heap). TensorFlow Java
   * allocates a pointer for each graph operation it lists, and every new name scope lists the whole
   * graph, so building a model spent seconds in that check (docs/training.md, "Building the
   * graph"). This tool closes every graph, session and tensor it opens, so the check buys nothing
   * here; a value set by the user wins.
   */
  private static void skipResidentSizeChecks() {
    if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
      System.setProperty(MAX_PHYSICAL_BYTES, "0");
    }
  }

  private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

  /** Runs the command line and returns the exit code (tests call this). */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  /**
   * The command line with the one failure boundary of every command ({@link FailureHandler}): a
   * user's mistake exits 2 with its message, anything else is a failure while running (exit 1).
   */
  public static CommandLine newCommandLine() {
    return newCommandLine(CommandLine.defaultFactory());
  }

  /** The same, its commands made by {@code factory} (a worker's train keeps decoded data). */
  static CommandLine newCommandLine(CommandLine.IFactory factory) {
    CommandLine commandLine = new CommandLine(new DesignspaceMain(), factory);
    // the training options' defaults are TrainOptions.DEFAULTS, shown in every command's help
    commandLine.setDefaultValueProvider(new TrainOptionsMixin.Defaults());
    return FailureHandler.install(commandLine);
  }
}
