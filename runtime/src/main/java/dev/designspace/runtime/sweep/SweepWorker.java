package dev.designspace.runtime.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A worker process of a local sweep: trains one model at a time. */
interface SweepWorker {
  /** The name of the log in a model's run directory that receives the worker's output. */
  String LOG = "worker.log";

  /**
   * Starts training a model.
   *
   * @param trainArguments the arguments of {@code designspace train} for the model
   * @param runDir the model's run directory; its {@link #LOG} gets the output
   * @return completes when the model ends: with the job's end as the worker reported it, or with
   *     the process's exit code and no end when the process died
   */
  CompletableFuture<ModelExit> train(List<String> trainArguments, Path runDir) throws IOException;

  /** Whether another model may be given to this worker once its model ended. */
  boolean reusable();

  /** Ends the process: politely when it is idle, at once otherwise. */
  void close();

  /** Ends the process at once (the sweep stops). */
  void kill();

  /**
   * How a model's training ended.
   *
   * @param exitCode the exit code of {@code designspace train} for the model
   * @param end what a persistent worker reported, or null (the process ended instead)
   */
  record ModelExit(int exitCode, WorkerJobs.End end) {}
}
