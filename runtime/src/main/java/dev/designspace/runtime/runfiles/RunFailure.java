package dev.designspace.runtime.runfiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a run failed: its {@link FailureCause} and a message that says what happened in the user's
 * words first ("no space left on device in DIR"), then the original text's first line.
 */
public record RunFailure(FailureCause cause, String message) {
  /** What the C library and TensorFlow say when a write finds the file system full. */
  private static final String NO_SPACE = "No space left on device";

  /** The exit code of a JVM that -XX:+ExitOnOutOfMemoryError ended. */
  private static final int JVM_OUT_OF_MEMORY = 3;

  public RunFailure {
    Objects.requireNonNull(cause, "cause");
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("a failure needs a message saying why");
    }
  }

  /** What a full quota says: the file system is not full, but the user's share of it is. */
  private static final String QUOTA = "Disk quota exceeded";

  /**
   * A failure thrown while training into {@code runDir}. What the messages anywhere in the chain of
   * causes say comes first (a full disk is often wrapped in an exception that does not say so),
   * then what the exceptions are. A tensor that does not fit in memory is the model's (at this
   * batch size it fails the same way each time); an unreadable run file is no passing trouble
   * either.
   */
  public static RunFailure of(Throwable failure, Path runDir) {
    String original = firstLine(failure);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String text = String.valueOf(t.getMessage());
      if (text.contains(NO_SPACE) || text.contains(QUOTA)) {
        return new RunFailure(
            FailureCause.ENVIRONMENT,
            (text.contains(NO_SPACE) ? "no space left on device in " : "disk quota exceeded in ")
                + runDir
                + " ("
                + original
                + ")");
      }
      if (text.contains("OOM when allocating")) {
        return new RunFailure(
            FailureCause.MODEL,
            "out of memory allocating a tensor: the model does not fit at this batch size; a"
                + " smaller --batch-size may ("
                + original
                + ")");
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return new RunFailure(
            FailureCause.ENVIRONMENT, "the JVM ran out of memory (" + original + ")");
      }
      if (t instanceof RunFileException || t.getClass().getName().contains("JsonProcessing")) {
        return new RunFailure(FailureCause.MODEL, original);
      }
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return new RunFailure(
            FailureCause.ENVIRONMENT, "an I/O error in " + runDir + " (" + original + ")");
      }
    }
    return new RunFailure(FailureCause.MODEL, original);
  }

  /**
   * A worker process that ended without writing the model's result.
   *
   * @param exitCode as Java reports it: 128 + the signal for a process a signal ended
   * @param logTail the last lines of its output
   */
  public static RunFailure ofExit(int exitCode, String logTail) {
    if (logTail.contains(NO_SPACE) || logTail.contains(QUOTA)) {
      // train could not even record its failure: the disk it would have written to is full
      return new RunFailure(
          FailureCause.ENVIRONMENT,
          (logTail.contains(NO_SPACE) ? "no space left on device" : "disk quota exceeded")
              + " (the worker exited with code "
              + exitCode
              + " and could not record why); its log ends: "
              + logTail);
    }
    if (exitCode > 128 && exitCode < 128 + 32) {
      int signal = exitCode - 128;
      String name = signalName(signal);
      return switch (signal) {
        case 9 ->
            new RunFailure(
                FailureCause.ENVIRONMENT,
                "the worker was killed ("
                    + name
                    + ": the out-of-memory killer, or someone); its log ends: "
                    + logTail);
        case 1, 2, 15 ->
            new RunFailure(
                FailureCause.INTERRUPTED,
                "the worker was stopped ("
                    + name
                    + ": Ctrl-C, kill or a scheduler's time limit); its log ends: "
                    + logTail);
        default ->
            new RunFailure(
                FailureCause.MODEL, "the worker crashed (" + name + "); its log ends: " + logTail);
      };
    }
    if (exitCode == JVM_OUT_OF_MEMORY && logTail.contains("OutOfMemoryError")) {
      return new RunFailure(
          FailureCause.ENVIRONMENT, "the worker's JVM ran out of memory; its log ends: " + logTail);
    }
    return new RunFailure(
        FailureCause.MODEL, "worker exited with code " + exitCode + " and no result: " + logTail);
  }

  private static String signalName(int signal) {
    return switch (signal) {
      case 1 -> "SIGHUP";
      case 2 -> "SIGINT";
      case 4 -> "SIGILL";
      case 6 -> "SIGABRT";
      case 7 -> "SIGBUS";
      case 8 -> "SIGFPE";
      case 9 -> "SIGKILL";
      case 11 -> "SIGSEGV";
      case 15 -> "SIGTERM";
      default -> String.format(Locale.ROOT, "signal %d", signal);
    };
  }

  /** The exception's class and the first line of its message: TensorFlow appends hints below. */
  private static String firstLine(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage().strip();
    int end = message.indexOf('\n');
    return t.getClass().getSimpleName() + ": " + (end < 0 ? message : message.substring(0, end));
  }
}
