package dev.designspace.runtime.cli;

import dev.designspace.runtime.runfiles.RunStatus;
import dev.designspace.runtime.sweep.SweepListener;
import dev.designspace.runtime.sweep.SweepProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A sweep's progress as indented lines on stderr: one per finished model, and the sweep's messages.
 */
final class ProgressLines implements SweepListener {
  private final PrintWriter err;
  private final String indent;

  ProgressLines(PrintWriter err, String indent) {
    this.err = err;
    this.indent = indent;
  }

  @Override
  public void finished(String modelId, RunStatus status, double error, SweepProgress p) {
    err.println(
        String.format(
            Locale.ROOT,
            "%s[%d/%d] %s %s %.2f%% (best %.2f%%, ETA %.0f s)",
            indent,
            p.finished(),
            p.total(),
            modelId,
            status,
            error,
            p.bestError(),
            p.etaSeconds()));
    err.flush();
  }

  @Override
  public void message(String line) {
    err.println(indent + line);
    err.flush();
  }
}
