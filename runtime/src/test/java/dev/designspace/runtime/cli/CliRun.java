package dev.designspace.runtime.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of the designspace command line in this JVM, as a test sees it: exit code, stdout,
 * stderr.
 */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DesignspaceMain.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  public static CliRun of(List<String> args) {
    return of(args.toArray(String[]::new));
  }
}
