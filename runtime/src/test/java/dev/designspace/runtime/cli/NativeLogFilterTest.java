package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's filter of stderr: TensorFlow's native log lines go, the tool's own lines stay, and
 * a progress bar's partial line passes before its newline.
 */
class NativeLogFilterTest {
  private static final Path FILTER =
      Path.of(System.getProperty("designspace.root", "."), "scripts", "quiet-native-log");

  @Test
  void dropsNativeLinesAndKeepsTheToolsOwn() throws Exception {
    String input =
        String.join(
            "\n",
            "WARNING: All log messages before absl::InitializeLog() is called are written to"
                + " STDERR",
            "I0000 00:00:1796643551.366383    9788 mlir_graph_optimization_pass.cc:401] MLIR V1"
                + " optimization pass is not enabled",
            "E0000 00:00:1796643551.366383    9788 util.cc:131] oneDNN supports DT_INT32 only on"
                + " platforms with AVX-512. Falling back to the default Eigen-based implementation",
            "2026-12-07 11:43:43.938248: I tensorflow/core/util/port.cc:153] oneDNN custom"
                + " operations are on.",
            "2026-12-07 11:43:44.419859: W tensorflow/core/framework/op_kernel.cc:1] a warning",
            "FmnistAnyNetXA_s0000 epoch 1/4: loss 2.3117, train error 90.63%",
            "error: /tmp/run kept no checkpoint of epoch 2",
            "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
            "F0000 00:00:1.0 1 fatal.cc:1] a fatal native error stays",
            "2026: the year, not a log line",
            "");
    Process filter = new ProcessBuilder("perl", FILTER.toString()).start();
    try (OutputStream in = filter.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(filter.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(filter.waitFor()).isZero();
    assertThat(out)
        .isEqualTo(
            String.join(
                "\n",
                "FmnistAnyNetXA_s0000 epoch 1/4: loss 2.3117, train error 90.63%",
                "error: /tmp/run kept no checkpoint of epoch 2",
                "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
                "F0000 00:00:1.0 1 fatal.cc:1] a fatal native error stays",
                "2026: the year, not a log line",
                ""));
  }

  /** A bar redrawn with '\r' has no newline until its epoch ends: it must not wait for one. */
  @Test
  void passesAProgressBarBeforeItsNewline() throws Exception {
    Process filter = new ProcessBuilder("perl", FILTER.toString()).start();
    byte[] bar = "\rFmnist epoch 1  42% [=====>     ] 5/12".getBytes(StandardCharsets.UTF_8);
    OutputStream in = filter.getOutputStream();
    InputStream out = filter.getInputStream();
    in.write(bar);
    in.flush();
    // the bar arrives while the filter's input is still open; a filter that held it would time out
    CompletableFuture<byte[]> passed = CompletableFuture.supplyAsync(() -> read(out, bar.length));
    assertThat(passed.get(30, TimeUnit.SECONDS)).isEqualTo(bar);
    in.close();
    assertThat(out.readAllBytes()).isEmpty();
    assertThat(filter.waitFor()).isZero();
  }

  private static byte[] read(InputStream in, int n) {
    try {
      return in.readNBytes(n);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
