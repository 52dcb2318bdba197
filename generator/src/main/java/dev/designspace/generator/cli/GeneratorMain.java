package dev.designspace.generator.cli;

import dev.designspace.command.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The generator on its own ({@code java -jar designspace-generator.jar gen ...}): the commands that
 * need no TensorFlow. The full tool is {@code designspace} in the runtime.
 */
@Command(
    name = "designspace-generator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Generates model sources, samples design spaces and counts complexity, without TensorFlow."
    },
    subcommands = {
      GenCommand.class,
      SampleCommand.class,
      DescribeCommand.class,
      FitCommand.class,
      CommandLine.HelpCommand.class
    })
public final class GeneratorMain implements Runnable {
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
    System.exit(FailureHandler.install(new CommandLine(new GeneratorMain())).execute(args));
  }
}
