package dev.designspace.generator.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodeCarrier;
import dev.designspace.command.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The one place where failures become messages and exit codes, for every command of both front
 * ends: a {@link BadInputException} (the base of every mistake a user must fix: specs, sampling,
 * option values, datasets, sweeps, reports) exits 2 with its message, an {@link ExitCodeCarrier}
 * with its own code, anything else (a broken invariant included) exits 1. Commands throw and never
 * translate. Stack traces only with {@code --stacktrace}.
 */
public final class FailureHandler
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  static final String STACKTRACE = "--stacktrace";

  private FailureHandler() {}

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
   */
  public static CommandLine install(CommandLine commandLine) {
    FailureHandler handler = new FailureHandler();
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
    } else if (e instanceof BadInputException) {
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
