package dev.designspace.runtime.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A worker process ({@code designspace sweep-worker}) that trains the models it is given one after
 * another. A reader thread copies the worker's output, line by line, into the log of the model in
 * flight, and completes that model when the worker reports its end, or when the process ends
 * without reporting it (crash, kill, out of memory: the model fails with the process's exit code).
 */
final class PersistentWorker implements SweepWorker {
  /** How long a worker told to stop (its stdin closed while idle) has to exit on its own. */
  private static final long EXIT_GRACE_SECONDS = 10;

  private final Process process;
  private final Writer jobs;
  private final Thread reader;
  // guarded by this: the model in flight, its log, and output that arrived between models
  private CompletableFuture<ModelExit> inFlight;
  private OutputStream log;
  private final List<String> between = new ArrayList<>();
  private boolean ended;
  private int exitCode;

  private PersistentWorker(Process process) {
    this.process = process;
    this.jobs = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.reader = new Thread(this::copyOutput, "sweep-worker-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static PersistentWorker start() throws IOException {
    List<String> command = new ArrayList<>(LocalSweep.workerCommand());
    command.add("sweep-worker");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    LocalSweep.workerEnvironment(builder);
    return new PersistentWorker(builder.start());
  }

  long pid() {
    return process.pid();
  }

  @Override
  public synchronized CompletableFuture<ModelExit> train(List<String> trainArguments, Path runDir)
      throws IOException {
    if (inFlight != null) {
      throw new IllegalStateException("worker " + process.pid() + " is training a model");
    }
    CompletableFuture<ModelExit> exit = new CompletableFuture<>();
    if (ended) { // died while idle: the model never started, say so in its log
      Files.writeString(
          runDir.resolve(LOG),
          "worker " + process.pid() + " ended with code " + exitCode + " before this model\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      exit.complete(new ModelExit(exitCode, null));
      return exit;
    }
    log =
        Files.newOutputStream(
            runDir.resolve(LOG), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    for (String line : between) {
      writeLine(line);
    }
    between.clear();
    inFlight = exit;
    try {
      jobs.write(WorkerJobs.jobLine(trainArguments) + "\n");
      jobs.flush();
    } catch (IOException e) {
      // the process is gone: the reader sees its output end and completes the model as failed
    }
    return exit;
  }

  @Override
  public synchronized boolean reusable() {
    return !ended && inFlight == null && process.isAlive();
  }

  @Override
  public void close() {
    try {
      jobs.close(); // end of input: an idle worker exits
    } catch (IOException e) {
      // already gone
    }
    try {
      process.onExit().get(EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // stopped below
    }
    process.destroyForcibly();
  }

  @Override
  public void kill() {
    process.destroy();
  }

  private void copyOutput() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        Optional<WorkerJobs.End> end = WorkerJobs.End.parse(line);
        synchronized (this) {
          if (end.isPresent() && inFlight != null) {
            finish(new ModelExit(end.get().exitCode(), end.get()));
          } else if (inFlight != null) {
            writeLine(line);
          } else {
            between.add(line);
          }
        }
      }
    } catch (IOException e) {
      // the output ended with the process
    }
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = -1;
    }
    synchronized (this) {
      ended = true;
      exitCode = code;
      if (inFlight != null) {
        finish(new ModelExit(code, null));
      }
    }
  }

  private void finish(ModelExit exit) {
    CompletableFuture<ModelExit> done = inFlight;
    inFlight = null;
    try {
      log.close();
    } catch (IOException e) {
      // the lines written so far are flushed; nothing else to save
    }
    log = null;
    done.complete(exit);
  }

  private void writeLine(String line) {
    try {
      log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      log.flush();
    } catch (IOException e) {
      // a log that cannot be written (disk full) must not stop the reading: the worker would block
    }
  }
}
