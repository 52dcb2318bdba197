package dev.designspace.runtime.cli;

import dev.designspace.runtime.runfiles.ModelResult;
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
  public void finished(ModelResult result, SweepProgress p) {
    err.println(
        String.format(
            Locale.ROOT,
            "%s[%d/%d] %s (best %.2f%%, ETA %.0f s)",
            indent,
            p.finished(),
            p.total(),
            ended(result),
            p.bestError(),
            p.etaSeconds()));
    err.flush();
  }

  /**
   * How a model ended, as a progress line says it: id, status and error, with the epoch the error
   * is from when it is not the last ({@code M done 0.00% (epoch 2 of 3, last 3.33%)}).
   */
  static String ended(ModelResult result) {
    if (result.status() == RunStatus.FAILED) { // the model's fault, or its machine's
      return String.format(Locale.ROOT, "%s failed (%s)", result.id(), result.cause().fileName());
    }
    String line =
        String.format(Locale.ROOT, "%s %s %.2f%%", result.id(), result.status(), result.error());
    String epoch = result.earlierEpoch();
    return epoch.isEmpty() ? line : line + " (" + epoch + ")";
  }

  @Override
  public void message(String line) {
    err.println(indent + line);
    err.flush();
  }
}
