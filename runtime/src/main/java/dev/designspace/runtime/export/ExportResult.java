package dev.designspace.runtime.export;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code export} wrote.
 *
 * @param epoch the epoch whose weights were exported
 * @param epochsTrained the epochs the run had finished
 * @param testError that epoch's test error, in percent, as training measured it
 * @param bestEpoch the run's best epoch (the one its result reports; 0 when no epoch was below
 *     100%)
 * @param bestNotKept the best epoch was asked for, but the run kept no checkpoint of it (runs
 *     written before best checkpoints were kept), so the newest was exported
 */
public record ExportResult(
    Path out,
    ExportedEpoch asked,
    int epoch,
    int epochsTrained,
    double testError,
    int bestEpoch,
    boolean bestNotKept) {

  /** One line for the user: which epoch was exported, its error, and where it went. */
  public String summary() {
    String which;
    if (epoch == bestEpoch && epoch == epochsTrained) {
      which = "the best and the last";
    } else if (epoch == bestEpoch) {
      which = "the best";
    } else if (epoch == epochsTrained) {
      which = "the last";
    } else {
      which = "as asked";
    }
    String line =
        String.format(
            Locale.ROOT,
            "exported epoch %d of %d (%s), test error %.2f%%, to %s",
            epoch,
            epochsTrained,
            which,
            testError,
            out);
    return bestNotKept
        ? line
            + String.format(
                Locale.ROOT,
                "; the best epoch, %d, was not kept: runs trained before best checkpoints were kept"
                    + " have only their newest",
                bestEpoch)
        : line;
  }
}
