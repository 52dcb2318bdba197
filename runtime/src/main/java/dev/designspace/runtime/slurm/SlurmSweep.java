package dev.designspace.runtime.slurm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.designspace.files.AtomicFiles;
import dev.designspace.files.DirectoryLock;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import dev.designspace.runtime.sweep.LocalSweep;
import dev.designspace.runtime.sweep.SweepContents;
import dev.designspace.runtime.sweep.SweepDirectory;
import dev.designspace.runtime.sweep.SweepException;
import dev.designspace.runtime.sweep.SweepModel;
import dev.designspace.runtime.sweep.SweepStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a sweep on Slurm: prepares the sweep directory as the local launcher does, writes an sbatch
 * array script with one task per model still to train and submits it. The tasks write into the
 * shared directory, so {@code report} and {@code sweep status} read the same files as for a local
 * sweep. Submitting again submits only the models with neither a result nor a task in the queue.
 */
public final class SlurmSweep {
  static final String SLURM = "slurm";
  static final String SCRIPT = "slurm/sweep.sbatch";
  static final String JOBS = "slurm/jobs.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SlurmSweep() {}

  public static SlurmSubmission submit(SlurmRequest request) throws IOException {
    String spaceName = SpecLoader.load(request.spec()).name();
    try (DirectoryLock lock = SweepDirectory.lock(request.directory())) {
      SweepDirectory sweep =
          SweepDirectory.prepare(
              request.spec(), request.count(), request.seed(), request.directory());
      ObjectNode jobs = readJobs(sweep.path());
      Map<Integer, SlurmCommands.QueuedTask> queued =
          queuedTasks(
              sweep.path(),
              jobIds(jobs),
              !request.dryRun()
                  && (jobs.path("jobs").size() > 0 || Files.exists(sweep.path().resolve(SCRIPT))));
      List<Integer> tasks = new ArrayList<>();
      List<SweepModel> retried = new ArrayList<>();
      int withResult = 0;
      int failedKept = 0;
      for (SweepModel m : sweep.models()) {
        if (queued.containsKey(m.position())) {
          continue;
        }
        Optional<ModelResult> result = sweep.result(m);
        boolean failed = result.map(r -> r.status() == RunStatus.FAILED).orElse(false);
        // a task lost to its node, its time limit or a kill is submitted again without asking
        boolean retry = failed && (request.retryFailed() || result.get().cause().retriedOnResume());
        if (result.isEmpty() || retry) {
          tasks.add(m.position());
          if (failed) {
            retried.add(m);
          }
        } else {
          withResult++;
          failedKept += failed ? 1 : 0;
        }
      }
      if (tasks.isEmpty()) {
        return new SlurmSubmission(
            null, List.of(), List.of(), null, withResult, queued.size(), failedKept, 0);
      }
      List<String> trainArguments = new ArrayList<>(request.trainArguments());
      if (request.options().gpusPerTask() > 0 && !trainArguments.contains("--device")) {
        trainArguments.addAll(
            List.of("--device", "gpu:0")); // Slurm makes the task's GPUs visible from 0
      }
      SbatchScript script =
          new SbatchScript(
              spaceName,
              sweep.path(),
              sweep.models(),
              tasks,
              request.options(),
              LocalSweep.workerCommand(),
              trainArguments);
      Path file = sweep.path().resolve(SCRIPT);
      Files.createDirectories(sweep.path().resolve(SLURM).resolve("logs"));
      AtomicFiles.write(file, script.render().getBytes(StandardCharsets.UTF_8));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      List<String> command = SlurmCommands.sbatchCommand(file, sweep.path());
      if (!request.dryRun()) {
        requireArrayIndicesBelowLimit(tasks);
      }
      // a task trains only a model without a result: failed ones to retry are set aside (and kept)
      Map<SweepModel, Path> setAside = new LinkedHashMap<>();
      for (SweepModel m : retried) {
        setAside.put(m, sweep.setAsideResult(m));
      }
      if (request.dryRun()) {
        return new SlurmSubmission(
            file, command, tasks, null, withResult, queued.size(), failedKept, setAside.size());
      }
      String jobId;
      try {
        jobId = SlurmCommands.sbatch(file, sweep.path());
      } catch (SlurmCommands.SbatchRefused e) {
        for (Map.Entry<SweepModel, Path> entry :
            setAside.entrySet()) { // certainly not queued: the failures stand
          sweep.restoreResult(entry.getKey(), entry.getValue());
        }
        throw e;
      }
      try {
        recordJob(sweep.path(), jobs, jobId, script.arraySpec(), tasks.size());
      } catch (IOException e) {
        throw new IOException(
            "submitted job "
                + jobId
                + " but could not record it in "
                + sweep.path().resolve(JOBS)
                + " ("
                + e.getMessage()
                + "); add it there before submitting again",
            e);
      }
      return new SlurmSubmission(
          file, command, tasks, jobId, withResult, queued.size(), failedKept, setAside.size());
    }
  }

  /**
   * Task i is model i: a cluster whose MaxArraySize is not above the last index cannot run the
   * array.
   */
  private static void requireArrayIndicesBelowLimit(List<Integer> tasks) {
    int last = tasks.stream().mapToInt(Integer::intValue).max().orElse(0);
    SlurmCommands.maxArraySize()
        .ifPresent(
            max -> {
              if (last >= max) {
                throw new SweepException(
                    "this sweep's array tasks go up to index "
                        + last
                        + " but the cluster's MaxArraySize is "
                        + max
                        + " (indices must be below it): split the sweep into several --out"
                        + " directories with other --seed values, or ask the administrators for a"
                        + " larger MaxArraySize");
              }
            });
  }

  /**
   * What Slurm says of a sweep's models without a result: queued, running, or neither; unknown (all
   * 0) when no job was submitted or squeue does not answer.
   */
  public static SweepStatus.Queue queue(SweepDirectory sweep, SweepContents contents)
      throws IOException {
    Set<String> jobs = jobIds(readJobs(sweep.path()));
    boolean script =
        Files.exists(
            sweep.path().resolve(SCRIPT)); // a dry run's script may have been submitted by hand
    Optional<Map<Integer, SlurmCommands.QueuedTask>> queue =
        jobs.isEmpty() && !script
            ? Optional.empty()
            : SlurmCommands.squeue().map(q -> ofSweep(q, sweep.path(), jobs));
    int running = 0;
    int pending = 0;
    int notQueued = 0;
    Set<String> finished =
        contents.results().stream().map(ModelResult::id).collect(Collectors.toSet());
    for (SweepModel m : sweep.models()) {
      if (finished.contains(m.name()) || queue.isEmpty()) {
        continue;
      }
      SlurmCommands.QueuedTask task = queue.get().get(m.position());
      if (task == null) {
        notQueued++;
      } else if (task.running()) {
        running++;
      } else {
        pending++;
      }
    }
    return new SweepStatus.Queue(
        running, pending, notQueued, jobs.size(), script, queue.isPresent());
  }

  /**
   * The sweep's tasks in the queue, by array index. Without an answer from squeue a submission
   * could train a model twice, so it stops (unless it is a dry run, which submits nothing).
   */
  private static Map<Integer, SlurmCommands.QueuedTask> queuedTasks(
      Path directory, Set<String> jobs, boolean required) {
    Optional<List<SlurmCommands.QueuedTask>> queue = SlurmCommands.squeue();
    if (queue.isEmpty() && required) {
      throw new SweepException(
          "squeue did not answer, so which of this sweep's models are still queued is unknown;"
              + " nothing was submitted. Try again when Slurm answers");
    }
    return queue.map(q -> ofSweep(q, directory, jobs)).orElse(Map.of());
  }

  /**
   * Tasks of the recorded jobs, and of any job submitted from the sweep directory (a dry run's
   * script).
   */
  private static Map<Integer, SlurmCommands.QueuedTask> ofSweep(
      List<SlurmCommands.QueuedTask> queue, Path directory, Set<String> jobs) {
    Map<Integer, SlurmCommands.QueuedTask> tasks = new HashMap<>();
    for (SlurmCommands.QueuedTask t : queue) {
      if (jobs.contains(t.jobId()) || Path.of(t.workDir()).equals(directory)) {
        tasks.merge(
            t.task(), t, (a, b) -> a.running() ? a : b); // a running task counts over a pending one
      }
    }
    return tasks;
  }

  /**
   * slurm/jobs.json, or an empty record; a damaged file stops the submission before anything is
   * queued.
   */
  private static ObjectNode readJobs(Path directory) throws IOException {
    Path file = directory.resolve(JOBS);
    if (!Files.isRegularFile(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      if (root instanceof ObjectNode object
          && (!object.has("jobs") || object.get("jobs").isArray())) {
        return object;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw new SweepException(
        file
            + " is damaged (not {\"jobs\": [...]}); repair or remove it: it lists the jobs"
            + " of this sweep, so that no model is submitted twice");
  }

  private static Set<String> jobIds(ObjectNode jobs) {
    Set<String> ids = new HashSet<>();
    jobs.path("jobs").forEach(job -> ids.add(job.path("jobId").asText()));
    return ids;
  }

  /**
   * Appends the job to slurm/jobs.json (atomically), so that status and resubmission know its
   * tasks.
   */
  private static void recordJob(
      Path directory, ObjectNode root, String jobId, String arraySpec, int models)
      throws IOException {
    ArrayNode jobs = root.has("jobs") ? (ArrayNode) root.get("jobs") : root.putArray("jobs");
    ObjectNode job = jobs.addObject();
    job.put("jobId", jobId);
    job.put("array", arraySpec);
    job.put("models", models);
    job.put("submitted", Instant.now().toString());
    AtomicFiles.write(directory.resolve(JOBS), JSON.writeValueAsBytes(root));
  }
}
