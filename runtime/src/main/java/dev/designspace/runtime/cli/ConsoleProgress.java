package dev.designspace.runtime.cli;

import dev.designspace.runtime.runfiles.EpochStats;
import dev.designspace.runtime.train.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on stderr: a progress bar (epoch, step, loss, images/s, ETA) on a terminal, one
 * plain line per epoch otherwise.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
  private final PrintWriter err;
  private final boolean terminal;
  private final String name;
  private ProgressBar bar;
  private int barEpoch = -1;

  ConsoleProgress(PrintWriter err, String name) {
    this.err = err;
    this.terminal = System.console() != null && System.getenv("DESIGNSPACE_PLAIN_PROGRESS") == null;
    this.name = name;
  }

  @Override
  public void step(int epoch, int step, int stepsPerEpoch, double loss, double imagesPerSecond) {
    if (!terminal) {
      return;
    }
    if (bar == null || barEpoch != epoch) {
      closeBar();
      bar =
          new ProgressBarBuilder()
              .setTaskName(name + " epoch " + epoch)
              .setInitialMax(stepsPerEpoch)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(500)
              .continuousUpdate()
              .build();
      barEpoch = epoch;
    }
    bar.stepTo(step);
    bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f, %.0f img/s", loss, imagesPerSecond));
  }

  @Override
  public void epoch(EpochStats stats, int epochs) {
    closeBar();
    err.println(
        String.format(
            Locale.ROOT,
            "%s epoch %d/%d: loss %.4f, train error %.2f%%, test error %.2f%%, %.1f s",
            name,
            stats.epoch(),
            epochs,
            stats.trainLoss(),
            stats.trainError(),
            stats.testError(),
            stats.seconds()));
    err.flush();
  }

  @Override
  public void message(String line) {
    err.println(line);
    err.flush();
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  @Override
  public void close() {
    closeBar();
  }
}
