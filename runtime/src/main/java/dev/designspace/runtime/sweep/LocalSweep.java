package dev.designspace.runtime.sweep;

import dev.designspace.files.DirectoryLock;
import dev.designspace.runtime.compile.CompilationClasspath;
import dev.designspace.runtime.runfiles.FailureCause;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFailure;
import dev.designspace.runtime.runfiles.RunFileReader;
import dev.designspace.runtime.runfiles.RunFileWriter;
import dev.designspace.runtime.runfiles.RunFiles;
import dev.designspace.runtime.runfiles.RunStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs a sweep on this machine: prepares the {@link SweepDirectory}, then keeps {@code workers}
 * worker processes busy, each training one model at a time ({@code designspace train DIR --model ID
 * --resume} into {@code models/ID}): persistent workers train model after model in one JVM, or
 * (per-model) a new JVM runs each. Models with a result are skipped, so rerunning resumes; a model
 * whose training ends without a result, or whose worker dies, is recorded as failed with its cause
 * ({@link RunFailure#ofExit}) and the tail of its log, and a new worker takes the next model. A
 * model lost to its environment or interrupted is trained again, up to {@link #RETRIES} times, and
 * on a rerun; one that failed for its own reason only with {@code --retry-failed}. When the sweep
 * directory cannot be written (a full disk) no further model is handed out: those in flight end,
 * and the sweep reports why it stopped. Stopping the sweep (Ctrl-C) stops its workers; their
 * checkpoints remain.
 */
public final class LocalSweep {
  /**
   * How many times a model lost to its environment (a killed worker, an I/O error) is trained again
   * within one run before it is recorded as failed: a passing trouble is over by then, a lasting
   * one fails the same way.
   */
  public static final int RETRIES = 2;

  /**
   * How many lost runs of a model a rerun of the sweep trains again by itself: a model that lost
   * this many (set aside as previous-result-N.json) meets something that does not pass, and is
   * trained again only with {@code --retry-failed}.
   */
  public static final int RESUME_LIMIT = 6;

  private LocalSweep() {}

  /** What must hold before workers start, checked while the sweep holds its directory's lock. */
  public interface StartCheck {
    void check(Path directory) throws IOException;
  }

  public static SweepResult run(SweepRequest request, SweepListener listener)
      throws IOException, InterruptedException {
    return run(request, listener, directory -> {});
  }

  public static SweepResult run(SweepRequest request, SweepListener listener, StartCheck check)
      throws IOException, InterruptedException {
    try (DirectoryLock lock = SweepDirectory.lock(request.directory())) {
      check.check(request.directory());
      Prepared prepared = Prepared.of(request, listener);
      Optional<String> stopped =
          new Pool(request.workers(), request.workerMode()).train(prepared.jobs());
      return prepared.finish(stopped);
    }
  }

  /**
   * Several sweeps through one pool of workers, in order: the next sweep's models start as soon as
   * a worker is free, so no worker idles while the last models of a sweep finish, and persistent
   * workers carry over from one sweep to the next. Each sweep is prepared, resumed, recorded and
   * proxy-checked as {@link #run} does; the requests must agree on workers, threads and worker
   * mode.
   *
   * @param listeners one per request, in the same order
   * @return one result per request, in the same order
   */
  public static List<SweepResult> runAll(
      List<SweepRequest> requests, List<? extends SweepListener> listeners)
      throws IOException, InterruptedException {
    if (requests.isEmpty() || requests.size() != listeners.size()) {
      throw new IllegalArgumentException("one listener per sweep, and at least one sweep");
    }
    SweepRequest first = requests.get(0);
    for (SweepRequest r : requests) {
      if (r.workers() != first.workers()
          || r.threadsPerWorker() != first.threadsPerWorker()
          || r.workerMode() != first.workerMode()) {
        throw new IllegalArgumentException(
            "sweeps sharing workers need the same workers, threads and worker mode");
      }
    }
    List<DirectoryLock> locks = new ArrayList<>();
    try {
      List<Prepared> prepared = new ArrayList<>();
      List<Job> jobs = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        locks.add(SweepDirectory.lock(requests.get(i).directory()));
        Prepared p = Prepared.of(requests.get(i), listeners.get(i));
        prepared.add(p);
        jobs.addAll(p.jobs());
      }
      Optional<String> stopped = new Pool(first.workers(), first.workerMode()).train(jobs);
      List<SweepResult> results = new ArrayList<>();
      for (Prepared p : prepared) {
        results.add(p.finish(stopped));
      }
      return results;
    } finally {
      for (DirectoryLock lock : locks) {
        lock.close();
      }
    }
  }

  /** A sweep whose directory is ready and whose models without a result are queued. */
  private record Prepared(
      SweepRequest request, SweepDirectory sweep, List<Job> jobs, SweepListener listener) {

    static Prepared of(SweepRequest request, SweepListener listener) throws IOException {
      SweepDirectory sweep =
          SweepDirectory.prepare(
              request.spec(), request.count(), request.seed(), request.directory(), request.grow());
      List<SweepModel> models = sweep.models();
      List<SweepModel> pending = new ArrayList<>();
      for (SweepModel m : models) {
        Optional<ModelResult> result = sweep.result(m);
        // a model lost to its environment is trained again; one that failed for its own reason
        // only when asked
        boolean retry =
            result
                .map(
                    r ->
                        r.status() == RunStatus.FAILED
                            && (request.retryFailed()
                                || (r.cause().retriedOnResume()
                                    && sweep.setAsideResults(m) < RESUME_LIMIT)))
                .orElse(false);
        if (retry) {
          sweep.setAsideResult(m);
        }
        if (result.isEmpty() || retry) {
          pending.add(m);
        }
      }
      int skipped = models.size() - pending.size();
      if (skipped > 0 && !request.grow()) {
        listener.message(
            "resuming: " + skipped + " of " + models.size() + " models already have results");
      }
      // counts start from the results already on disk and follow each model's end: no re-reading
      SweepResult before = SweepCollector.collect(sweep.path(), false);
      Counts counts =
          new Counts(
              models.size(),
              pending.size(),
              before.done(),
              before.failed(),
              before.diverged(),
              before.bestError());
      List<Job> jobs = new ArrayList<>();
      for (SweepModel m : pending) {
        jobs.add(
            new Job(
                trainCommand(request, sweep, m, sweep.modelDir(m), request.trainArguments()),
                m,
                sweep.modelDir(m),
                counts,
                listener,
                0));
      }
      return new Prepared(request, sweep, jobs, listener);
    }

    /**
     * The sweep's record once its models have ended, then its proxy check if it asks for one; a
     * sweep that stopped early is recorded as far as its directory can be written, and not checked.
     */
    SweepResult finish(Optional<String> stopped) throws IOException, InterruptedException {
      if (stopped.isPresent()) {
        SweepResult result;
        try {
          result = SweepCollector.collect(sweep.path(), true);
        } catch (IOException notWritten) {
          result = SweepCollector.collect(sweep.path(), false);
        }
        return result.stoppedBecause(stopped.get());
      }
      SweepResult result = SweepCollector.collect(sweep.path(), true);
      if (request.checkProxy() > 0) {
        stopped = checkProxy(request, sweep, listener);
        if (stopped.isPresent()) {
          return result.stoppedBecause(stopped.get());
        }
      }
      return result;
    }
  }

  /**
   * Trains {@code count} of a finished sweep's models again with the next training seed ({@link
   * Reruns}), resuming reruns already begun; says why it stopped when the directory could not be
   * written.
   */
  public static Optional<String> rerun(SweepRequest request, int count, SweepListener listener)
      throws IOException, InterruptedException {
    try (DirectoryLock lock = SweepDirectory.lock(request.directory())) {
      SweepDirectory sweep = SweepDirectory.open(request.directory());
      List<SweepModel> done = new ArrayList<>();
      for (SweepModel m : sweep.models()) {
        if (sweep.result(m).map(r -> r.status() == RunStatus.DONE).orElse(false)) {
          done.add(m); // a failed model has no error to compare a rerun with
        }
      }
      List<SweepModel> chosen = Reruns.choose(done, count, request.seed());
      List<SweepModel> pending = new ArrayList<>();
      for (SweepModel m : chosen) {
        Path out = Reruns.runDir(sweep.path(), m);
        Optional<ModelResult> result = RunFileReader.resultIn(out);
        if (result.isPresent() && !result.get().finalForResume()) {
          SweepDirectory.setAside(out);
          result = Optional.empty();
        }
        if (result.isEmpty()) {
          pending.add(m);
        }
      }
      Counts counts =
          new Counts(
              chosen.size(), pending.size(), chosen.size() - pending.size(), 0, 0, Double.NaN);
      List<String> arguments = Reruns.withNextSeed(request.trainArguments());
      List<Job> jobs = new ArrayList<>();
      for (SweepModel m : pending) {
        Path out = Reruns.runDir(sweep.path(), m);
        jobs.add(
            new Job(trainCommand(request, sweep, m, out, arguments), m, out, counts, listener, 0));
      }
      listener.message(
          String.format(
              Locale.ROOT,
              "reruns: %d models again with the next training seed (%d to train)",
              chosen.size(),
              jobs.size()));
      return new Pool(request.workers(), request.workerMode()).train(jobs);
    }
  }

  /**
   * Trains the proxy check's models at the longer schedule, then writes proxy-check.json; says why
   * it stopped when its directory could not be written.
   */
  private static Optional<String> checkProxy(
      SweepRequest request, SweepDirectory sweep, SweepListener listener)
      throws IOException, InterruptedException {
    List<SweepModel> chosen =
        ProxyCheck.choose(sweep.models(), request.checkProxy(), request.seed());
    List<SweepModel> pending = new ArrayList<>();
    for (SweepModel m : chosen) {
      Path run = ProxyCheck.runDir(sweep.path(), m);
      Optional<ModelResult> result = RunFileReader.resultIn(run);
      if (result.isPresent() && !result.get().finalForResume()) {
        SweepDirectory.setAside(run); // lost to its environment: trained again
        result = Optional.empty();
      }
      if (result.isEmpty()) {
        pending.add(m);
      }
    }
    listener.message(
        String.format(
            Locale.ROOT,
            "proxy check: %d models again at %d epochs (%d to train)",
            chosen.size(),
            request.checkEpochs(),
            pending.size()));
    Counts counts =
        new Counts(chosen.size(), pending.size(), chosen.size() - pending.size(), 0, 0, Double.NaN);
    List<String> arguments = ProxyCheck.withEpochs(request.trainArguments(), request.checkEpochs());
    List<Job> jobs = new ArrayList<>();
    for (SweepModel m : pending) {
      Path out = ProxyCheck.runDir(sweep.path(), m);
      jobs.add(
          new Job(trainCommand(request, sweep, m, out, arguments), m, out, counts, listener, 0));
    }
    Optional<String> stopped = new Pool(request.workers(), request.workerMode()).train(jobs);
    if (stopped.isEmpty()) {
      ProxyCheck.write(sweep.path())
          .ifPresent(v -> listener.message("proxy check: " + v.sentence()));
    }
    return stopped;
  }

  /**
   * One model to train: its {@code train} command, where it runs, whose counts it moves, and how
   * many times it was retried after losing a run to its environment.
   */
  private record Job(
      List<String> command,
      SweepModel model,
      Path runDir,
      Counts counts,
      SweepListener listener,
      int retries) {
    Job retried() {
      return new Job(command, model, runDir, counts, listener, retries + 1);
    }
  }

  /** One sweep's counts as its listener sees them, from the results on disk at its start. */
  private static final class Counts {
    private final int total;
    private int queued;
    private int done;
    private int failed;
    private int diverged;
    private int running;
    private double best;
    private long firstStarted;
    private int finishedHere;

    Counts(int total, int queued, int done, int failed, int diverged, double best) {
      this.total = total;
      this.queued = queued;
      this.done = done;
      this.failed = failed;
      this.diverged = diverged;
      this.best = best;
    }

    /** A model of the sweep went back to the queue, to be trained again. */
    void requeued() {
      running--;
      queued++;
    }

    /** Models the sweep will not hand out this run (it stopped early). */
    void dropped(int models) {
      queued -= models;
    }

    /** A model of the sweep was handed to a worker. */
    void started() {
      if (finishedHere == 0 && running == 0) {
        firstStarted = System.nanoTime();
      }
      queued--;
      running++;
    }

    SweepProgress ended(RunStatus status, double error) {
      running--;
      finishedHere++;
      switch (status) {
        case DONE -> {
          done++;
          best = Double.isNaN(best) ? error : Math.min(best, error);
        }
        case DIVERGED -> diverged++;
        case FAILED -> failed++;
      }
      double perModel = (System.nanoTime() - firstStarted) / 1e9 / finishedHere;
      return new SweepProgress(total, done, failed, diverged, running, best, perModel);
    }
  }

  /** Worker processes over a queue of models. */
  private static final class Pool {
    private final int workers;
    private final WorkerMode mode;

    Pool(int workers, WorkerMode mode) {
      this.workers = workers;
      this.mode = mode;
    }

    /**
     * Trains every job, or, once a model's directory cannot be written, the jobs already in flight.
     *
     * @return why it stopped handing out jobs; empty when it trained them all
     */
    Optional<String> train(List<Job> queue) throws IOException, InterruptedException {
      Deque<Job> pending = new ArrayDeque<>(queue);
      Optional<String> stopped = Optional.empty();
      Map<CompletableFuture<SweepWorker.ModelExit>, InFlight> inFlight = new LinkedHashMap<>();
      Deque<SweepWorker> idle = new ArrayDeque<>();
      Set<SweepWorker> all = ConcurrentHashMap.newKeySet();
      // once the JVM is stopping (Ctrl-C), no model is handed out or retried: its workers are
      // being killed, and a model they leave unfinished is trained on the next run
      java.util.concurrent.atomic.AtomicBoolean stopping =
          new java.util.concurrent.atomic.AtomicBoolean();
      Thread stopper =
          new Thread(
              () -> {
                stopping.set(true);
                all.forEach(SweepWorker::kill);
              });
      Runtime.getRuntime().addShutdownHook(stopper);
      boolean completed = false;
      try {
        while (!pending.isEmpty() || !inFlight.isEmpty()) {
          while (inFlight.size() < workers && !pending.isEmpty() && !stopping.get()) {
            Job job = pending.poll();
            while (!idle.isEmpty() && !idle.peek().reusable()) { // ended while idle (killed)
              SweepWorker gone = idle.poll();
              gone.close();
              all.remove(gone);
            }
            try {
              Files.createDirectories(job.runDir());
            } catch (IOException e) {
              stopped = Optional.of(cannotCreate(job.runDir(), e));
              job.counts().dropped(1);
              stopHandingOut(pending, job, stopped.get());
              break;
            }
            SweepWorker worker = idle.isEmpty() ? newWorker(mode) : idle.poll();
            all.add(worker);
            inFlight.put(worker.train(job.command(), job.runDir()), new InFlight(job, worker));
            job.counts().started();
            job.listener().started(job.model().name(), job.counts().running, job.counts().queued);
          }
          if (inFlight.isEmpty()) {
            if (stopping.get()) {
              break; // the JVM is stopping: what is left is trained on the next run
            }
            continue; // stopped before handing out another model, and none is in flight
          }
          try {
            CompletableFuture.anyOf(inFlight.keySet().toArray(CompletableFuture[]::new)).get();
          } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
          }
          for (var entry : new ArrayList<>(inFlight.entrySet())) {
            if (!entry.getKey().isDone()) {
              continue;
            }
            inFlight.remove(entry.getKey());
            Job job = entry.getValue().job();
            SweepWorker worker = entry.getValue().worker();
            SweepWorker.ModelExit exit = entry.getKey().join();
            ModelResult result = recordExit(job.model(), job.runDir(), exit.exitCode());
            noteWorker(job.runDir(), exit);
            if (worker.reusable()) {
              idle.add(worker);
            } else { // a per-model worker, or one that died: the next model gets a new one
              worker.close();
              all.remove(worker);
            }
            boolean lost =
                result.status() == RunStatus.FAILED && result.cause() == FailureCause.ENVIRONMENT;
            if (lost && stopped.isEmpty()) {
              stopped = cannotWrite(job.runDir(), result);
              if (stopped.isPresent()) {
                stopHandingOut(pending, job, stopped.get());
              }
            }
            if (lost && stopped.isEmpty() && !stopping.get() && job.retries() < RETRIES) {
              setAside(job.runDir());
              job.counts().requeued();
              pending.addFirst(job.retried());
              job.listener()
                  .message(
                      String.format(
                          Locale.ROOT,
                          "%s lost its run (%s): %s; training it again (retry %d of %d)",
                          job.model().name(),
                          result.cause().fileName(),
                          result.message(),
                          job.retries() + 1,
                          RETRIES));
              continue;
            }
            SweepProgress progress = job.counts().ended(result.status(), result.error());
            job.listener().finished(result, progress);
          }
        }
        completed = true;
        return stopped;
      } finally {
        // idle workers are told to stop; on an error or interruption every worker is killed
        for (SweepWorker worker : all) {
          if (completed) {
            worker.close();
          } else {
            worker.kill();
          }
        }
        try {
          Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException e) {
          // already shutting down
        }
      }
    }
  }

  /** Drops the models not handed out yet, and says why ({@code job}'s listener). */
  private static void stopHandingOut(Deque<Job> pending, Job job, String why) {
    for (Job dropped : pending) {
      dropped.counts().dropped(1);
    }
    pending.clear();
    job.listener().message(why + ": no further model is handed out; those in flight finish");
  }

  /** A model being trained, and by which worker. */
  private record InFlight(Job job, SweepWorker worker) {}

  private static SweepWorker newWorker(WorkerMode mode) throws IOException {
    return switch (mode) {
      case PERSISTENT -> PersistentWorker.start();
      case PER_MODEL -> new PerModelWorker();
    };
  }

  /**
   * What every launcher runs for a model: {@code designspace train DIR --model ID} into its run
   * directory.
   */
  private static List<String> trainCommand(
      SweepRequest request,
      SweepDirectory sweep,
      SweepModel model,
      Path out,
      List<String> trainArguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "train",
                sweep.path().toAbsolutePath().toString(),
                "--model",
                model.id(),
                "--out",
                out.toAbsolutePath().toString(),
                "--resume",
                "--threads",
                String.valueOf(request.threadsPerWorker())));
    command.addAll(trainArguments);
    return command;
  }

  /**
   * The environment of every worker process: plain progress lines, quiet native logs, and
   * TensorFlow's oneDNN kernels on, without which it cannot train grouped convolutions on CPUs that
   * lack AVX-512 VNNI, AVX-VNNI or AMX (docs/training.md).
   */
  static void workerEnvironment(ProcessBuilder builder) {
    builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
    builder.environment().putIfAbsent("TF_ENABLE_ONEDNN_OPTS", "1");
    builder.environment().put("DESIGNSPACE_PLAIN_PROGRESS", "1");
  }

  /**
   * Which persistent worker trained the model, as its log's last line: the process, how many models
   * it had trained, and its resident memory afterwards.
   */
  private static void noteWorker(Path runDir, SweepWorker.ModelExit exit) {
    if (exit.end() == null) {
      return;
    }
    try {
      Files.writeString(
          runDir.resolve(SweepWorker.LOG),
          String.format(
              Locale.ROOT,
              "trained by worker pid %d (its model %d), VmRSS %d kB after it%n",
              exit.end().pid(),
              exit.end().jobs(),
              exit.end().residentKb()),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // a note for the curious: a full disk must not stop the sweep over it
    }
  }

  /**
   * The command that runs this tool in a fresh JVM: java, the expanded classpath, the main class.
   */
  public static List<String> workerCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        String.join(
            File.pathSeparator,
            CompilationClasspath.current().stream().map(File::toString).toList());
    // an out-of-memory leaves a JVM in no state to go on: it ends (exit 3), losing only its model
    return List.of(
        java,
        "-XX:+ExitOnOutOfMemoryError",
        "-cp",
        classpath,
        "dev.designspace.runtime.cli.DesignspaceMain");
  }

  /**
   * The model's result, written as failed when the worker ended without one (killed, crashed, no
   * JVM), with the cause its exit tells. A result that cannot be written (a full disk) is kept here
   * only: the model has no result on disk, and a rerun trains it again.
   */
  private static ModelResult recordExit(SweepModel model, Path runDir, int exitCode) {
    try {
      Optional<ModelResult> written = RunFileReader.resultIn(runDir);
      if (written.isPresent()) {
        return written.get();
      }
    } catch (IOException unreadable) {
      // recorded anew below
    }
    RunFailure failure = RunFailure.ofExit(exitCode, tail(runDir.resolve(SweepWorker.LOG)));
    ModelResult failed =
        ModelResult.failure(
            model.name(),
            failure.cause(),
            failure.message(),
            model.flops(),
            model.params(),
            model.acts(),
            null);
    try {
      RunFileWriter.write(runDir.resolve(RunFiles.RESULT), failed);
      return failed;
    } catch (IOException e) {
      RunFailure unrecorded = RunFailure.of(e, runDir);
      return ModelResult.failure(
          model.name(),
          unrecorded.cause(),
          unrecorded.message() + "; not recorded: " + failure.message(),
          model.flops(),
          model.params(),
          model.acts(),
          null);
    }
  }

  /** Bytes a probe writes to see whether a sweep directory can still take a model's files. */
  private static final int PROBE_BYTES = 64 * 1024;

  /**
   * Why no further model can be trained into the sweep that holds {@code runDir}, after one was
   * lost to its environment: its file system is full, or the directory cannot be written. Empty
   * when a probe write succeeds and the failure was not a full disk.
   */
  private static Optional<String> cannotWrite(Path runDir, ModelResult lost) {
    Path models = runDir.toAbsolutePath().getParent();
    Path sweep = models.getParent();
    Path probe = models.resolve(".write-probe");
    try {
      Files.write(probe, new byte[PROBE_BYTES]);
      Files.delete(probe);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException ignored) {
        // as full as before
      }
      return Optional.of(cannotWriteIn(sweep, e));
    }
    if (lost.message().startsWith("no space left on device")) {
      return Optional.of("no space left on device in " + sweep);
    }
    return lost.message().startsWith("disk quota exceeded")
        ? Optional.of("disk quota exceeded in " + sweep)
        : Optional.empty();
  }

  /** Why a model's run directory could not be made: the sweep directory cannot be written. */
  private static String cannotCreate(Path runDir, IOException e) {
    return cannotWriteIn(runDir.toAbsolutePath().getParent().getParent(), e);
  }

  /** A write in {@code sweep} failed with {@code e}, in the user's words. */
  private static String cannotWriteIn(Path sweep, IOException e) {
    String why = String.valueOf(e.getMessage());
    return why.contains("No space left on device")
        ? "no space left on device in " + sweep
        : "cannot write in " + sweep + " (" + why + ")";
  }

  /** Moves a lost run's result.json aside (previous-result-N.json), to train the model again. */
  private static void setAside(Path runDir) throws IOException {
    if (Files.isRegularFile(runDir.resolve(RunFiles.RESULT))) {
      SweepDirectory.setAside(runDir);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
