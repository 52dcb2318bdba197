package dev.designspace.runtime.cli;

import dev.designspace.command.ExitCodes;
import dev.designspace.runtime.data.DatasetCache;
import dev.designspace.runtime.sweep.WorkerJobs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sweep-worker}: a local sweep's persistent worker process. Reads jobs from stdin, one per
 * line (the arguments of {@code train}), runs each as {@code designspace train} would in a fresh
 * process, keeping only the loaded natives, compiled classes and decoded datasets, and after each
 * writes its end line on stdout. Exits when its input ends; if the input ends while a model trains,
 * the sweep is gone and the worker stops at once rather than outlive it.
 */
@Command(
    name = "sweep-worker",
    hidden = true, // started by a local sweep, not by users
    description = "Trains the models a local sweep sends on stdin, one after another.")
public final class SweepWorkerCommand implements Callable<Integer> {
  @Override
  public Integer call() throws InterruptedException {
    BlockingQueue<Optional<String>> jobs = new LinkedBlockingQueue<>();
    AtomicBoolean inputEnded = new AtomicBoolean();
    AtomicBoolean busy = new AtomicBoolean();
    Thread input =
        new Thread(
            () -> {
              readJobs(jobs);
              inputEnded.set(true);
              if (busy.get()) {
                Runtime.getRuntime().halt(ExitCodes.FAILURE); // the sweep died mid-model
              }
              jobs.add(Optional.empty());
            },
            "sweep-worker-input");
    input.setDaemon(true);
    input.start();
    DatasetCache cache = new DatasetCache();
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int served = 0;
    while (true) {
      Optional<String> job = jobs.take();
      if (job.isEmpty()) {
        return ExitCodes.OK;
      }
      busy.set(true);
      if (inputEnded.get()) {
        return ExitCodes.FAILURE; // a job the sweep sent before it died: nobody waits for it
      }
      int exit = run(job.get(), cache, out, err);
      out.flush();
      err.flush();
      System.err.flush();
      served++;
      // the model's graph, session and tensors are closed, but their Java objects and what the
      // native side frees with them would wait for a collection: without one, the resident set
      // grew from 0.43 to 0.99 GiB over 50 tiny models, with it to 0.6 GiB (BENCHMARKS.md)
      System.gc();
      System.out.println(
          new WorkerJobs.End(exit, ProcessHandle.current().pid(), served, residentKb()).line());
      System.out.flush();
      busy.set(false);
    }
  }

  private static void readJobs(BlockingQueue<Optional<String>> jobs) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          jobs.add(Optional.of(line));
        }
      }
    } catch (IOException e) {
      // input closed: as its end
    }
  }

  /** One job: {@code designspace train ARGS}, with the exit code that command would have. */
  private static int run(String job, DatasetCache cache, PrintWriter out, PrintWriter err) {
    List<String> args;
    try {
      args = WorkerJobs.parseJob(job);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    if (args.isEmpty() || !args.get(0).equals("train")) {
      err.println("error: a worker runs train jobs, got " + args);
      return ExitCodes.BAD_INPUT;
    }
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (type == TrainCommand.class) {
              return type.cast(new TrainCommand(cache::load));
            }
            return CommandLine.defaultFactory().create(type);
          }
        };
    CommandLine commandLine = DesignspaceMain.newCommandLine(factory).setOut(out).setErr(err);
    return commandLine.execute(args.toArray(String[]::new));
  }

  /** This process's resident set in kB (Linux), -1 where /proc does not say. */
  static long residentKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }
}
