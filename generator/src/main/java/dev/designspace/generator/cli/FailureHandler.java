package dev.designspace.generator.cli;

import dev.designspace.generator.sampling.SamplingException;
import dev.designspace.generator.spec.SpecException;
import dev.designspace.generator.tool.BadInputException;
import dev.designspace.generator.tool.ExitCodeCarrier;
import dev.designspace.generator.tool.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The one place where failures become messages and exit codes, for every command of both front
 * ends: spec, sampling, invalid request values and other bad-input errors exit 2 with their
 * message; anything else exits 1. Commands throw and never translate. Stack traces only with {@code
 * --stacktrace}.
 */
public final class FailureHandler
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  static final String STACKTRACE = "--stacktrace";

  private final List<Class<? extends Exception>> badInput;

  private FailureHandler(List<Class<? extends Exception>> badInput) {
    this.badInput = badInput;
  }

  /** Whether {@code --stacktrace} was given to the command or to any command above it. */
  static boolean stacktraceRequested(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(STACKTRACE)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Installs the handlers on {@code commandLine}, whose root command declares {@code --stacktrace}
   * (inherited by its subcommands).
   *
   * @param moreBadInput further exception types whose message is a user's to act on (exit 2), e.g.
   *     a front end's own domain exceptions, so that commands need not translate them one by one
   */
  @SafeVarargs
  public static CommandLine install(
      CommandLine commandLine, Class<? extends Exception>... moreBadInput) {
    // requests and options are records that reject what a user gave with IllegalArgumentException
    // at construction; at this boundary that is the user's to fix, like the domain exceptions
    List<Class<? extends Exception>> badInput =
        new ArrayList<>(
            List.of(
                SpecException.class,
                BadInputException.class,
                SamplingException.class,
                IllegalArgumentException.class));
    badInput.addAll(List.of(moreBadInput));
    FailureHandler handler = new FailureHandler(List.copyOf(badInput));
    return commandLine.setExecutionExceptionHandler(handler).setParameterExceptionHandler(handler);
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean stacktrace = stacktraceRequested(parseResult);
    if (stacktrace) {
      e.printStackTrace(err);
    }
    int code;
    String message;
    if (e instanceof ExitCodeCarrier carrier) {
      code = carrier.exitCode();
      message = e.getMessage();
    } else if (badInput.stream().anyMatch(type -> type.isInstance(e))) {
      code = ExitCodes.BAD_INPUT;
      message = e.getMessage();
    } else {
      code = ExitCodes.FAILURE;
      message =
          e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + (stacktrace ? "" : " (run with --stacktrace for details)");
    }
    err.println(commandLine.getColorScheme().errorText("error: ") + message);
    err.flush();
    return code;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getColorScheme().errorText("error: ") + ex.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
      err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    }
    err.flush();
    return ExitCodes.BAD_INPUT;
  }
}
