package dev.designspace.runtime.runfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a failure says about its model: the cause from the exception or the worker's exit. */
class RunFailureTest {
  private static final Path RUN = Path.of("/sweeps/a/models/A_s0001");

  /** TensorFlow's checkpoint save on a full disk, as it reads: path, reason, then a hint. */
  private static final class TFResourceExhaustedException extends RuntimeException {
    TFResourceExhaustedException(String message) {
      super(message);
    }
  }

  @Test
  void aFullDiskIsTheEnvironmentsSaidInWordsBeforeTensorFlowsText() {
    RunFailure f =
        RunFailure.of(
            new TFResourceExhaustedException(
                "/sweeps/a/models/A_s0001/checkpoints/epoch-001/model.data-00000-of-00001"
                    + ".tempstate123; No space left on device\n\tTo list allocated tensors on"
                    + " OOM, add report_tensor_allocations_upon_oom to RunOptions"),
            RUN);
    assertThat(f.cause()).isEqualTo(FailureCause.ENVIRONMENT);
    assertThat(f.message())
        .startsWith("no space left on device in /sweeps/a/models/A_s0001 (TFResourceExhausted")
        .doesNotContain("report_tensor_allocations_upon_oom");
    RunFailure io =
        RunFailure.of(
            new UncheckedIOException("cannot write state.json", new IOException("Read-only")), RUN);
    assertThat(io.cause()).isEqualTo(FailureCause.ENVIRONMENT);
    assertThat(io.message()).startsWith("an I/O error in /sweeps/a/models/A_s0001");
    // a full disk wrapped in an exception that does not say so is still a full disk
    RunFailure wrapped =
        RunFailure.of(
            new UncheckedIOException(
                "cannot write state.json", new IOException("No space left on device")),
            RUN);
    assertThat(wrapped.message()).startsWith("no space left on device in /sweeps/a/models/A_s0001");
    assertThat(RunFailure.of(new IOException("Disk quota exceeded"), RUN).message())
        .startsWith("disk quota exceeded in ");
    // a tensor too big for memory fails the same way every time: the model's
    RunFailure oom =
        RunFailure.of(
            new TFResourceExhaustedException("OOM when allocating tensor with shape[512,64,56,56]"),
            RUN);
    assertThat(oom.cause()).isEqualTo(FailureCause.MODEL);
    assertThat(oom.message()).startsWith("out of memory allocating a tensor");
    assertThat(RunFailure.of(new RunFileException("state.json lacks 'curve'", null), RUN).cause())
        .isEqualTo(FailureCause.MODEL);
    assertThat(RunFailure.of(new OutOfMemoryError("Java heap space"), RUN).cause())
        .isEqualTo(FailureCause.ENVIRONMENT);
    RunFailure model =
        RunFailure.of(new IllegalArgumentException("Conv2D: filter has 0 channels"), RUN);
    assertThat(model.cause()).isEqualTo(FailureCause.MODEL);
    assertThat(model.message())
        .isEqualTo("IllegalArgumentException: Conv2D: filter has 0 channels");
  }

  @Test
  void aWorkersExitSaysWhatEndedIt() {
    assertThat(RunFailure.ofExit(137, "epoch 1").cause()).isEqualTo(FailureCause.ENVIRONMENT);
    assertThat(RunFailure.ofExit(137, "epoch 1").message())
        .isEqualTo(
            "the worker was killed (SIGKILL: the out-of-memory killer, or someone); its log ends:"
                + " epoch 1");
    assertThat(RunFailure.ofExit(143, "").cause()).isEqualTo(FailureCause.INTERRUPTED);
    assertThat(RunFailure.ofExit(130, "").cause()).isEqualTo(FailureCause.INTERRUPTED);
    assertThat(RunFailure.ofExit(139, "").cause()).isEqualTo(FailureCause.MODEL);
    assertThat(RunFailure.ofExit(139, "").message()).startsWith("the worker crashed (SIGSEGV)");
    assertThat(RunFailure.ofExit(3, "java.lang.OutOfMemoryError: Java heap space").cause())
        .isEqualTo(FailureCause.ENVIRONMENT);
    assertThat(RunFailure.ofExit(1, "x").cause()).isEqualTo(FailureCause.MODEL);
    // train exited without recording why, but its log says the disk was full
    RunFailure unrecorded =
        RunFailure.ofExit(1, "error: UncheckedIOException: No space left on device");
    assertThat(unrecorded.cause()).isEqualTo(FailureCause.ENVIRONMENT);
    assertThat(unrecorded.message()).startsWith("no space left on device (the worker exited");
    assertThat(FailureCause.MODEL.retriedOnResume()).isFalse();
    assertThat(FailureCause.ENVIRONMENT.retriedOnResume()).isTrue();
    assertThat(FailureCause.INTERRUPTED.retriedOnResume()).isTrue();
  }
}
