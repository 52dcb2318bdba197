package dev.designspace.generator.cli;

import dev.designspace.generator.sampling.SamplingException;
import dev.designspace.generator.spec.SpecException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Maps failures to messages and exit codes at the command-line boundary: spec, sampling and
 * other bad-input errors exit 2 with their message; anything else exits 1. Stack traces only
 * with {@code --stacktrace}.
 */
public final class FailureHandler
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  private final boolean stacktrace;

  private FailureHandler(boolean stacktrace) {
    this.stacktrace = stacktrace;
  }

  /** Installs the handlers on {@code commandLine}; {@code args} are scanned for --stacktrace. */
  public static CommandLine install(CommandLine commandLine, String[] args) {
    FailureHandler handler = new FailureHandler(Arrays.asList(args).contains("--stacktrace"));
    return commandLine.setExecutionExceptionHandler(handler).setParameterExceptionHandler(handler);
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (stacktrace) {
      e.printStackTrace(err);
    }
    int code;
    String message;
    if (e instanceof SpecException || e instanceof BadInputException || e instanceof SamplingException) {
      code = ExitCodes.BAD_INPUT;
      message = e.getMessage();
    } else {
      code = ExitCodes.FAILURE;
      message = e.getClass().getSimpleName() + ": " + e.getMessage()
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
