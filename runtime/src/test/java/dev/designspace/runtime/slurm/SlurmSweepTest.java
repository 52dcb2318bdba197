package dev.designspace.runtime.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.cli.DesignspaceMain;
import dev.designspace.runtime.sweep.SweepDirectory;
import dev.designspace.runtime.sweep.SweepModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Slurm launcher against a real Slurm (scripts/local-slurm.sh, started by .ci/run). Skipped
 * where no Slurm answers, unless DESIGNSPACE_REQUIRE_SLURM is set (CI), where that is a failure.
 */
class SlurmSweepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUBMITTED = Pattern.compile("submitted job ([0-9]+): ([0-9]+) models");

  @TempDir static Path dir;
  static Path spec;

  @BeforeAll
  static void slurmAndSpec() throws Exception {
    boolean up = SlurmCommands.squeue().isPresent();
    if (System.getenv("DESIGNSPACE_REQUIRE_SLURM") != null) {
      assertThat(up).as("squeue must answer: start Slurm with scripts/local-slurm.sh start").isTrue();
    }
    Assumptions.assumeTrue(up, "no Slurm here (scripts/local-slurm.sh start runs one)");
    spec = dir.resolve("tiny-space.yaml");
    Files.writeString(spec, String.join("\n",
        "name: TinySlurm",
        "network: {input: {size: 8, channels: 1}, classes: 4, stem: {type: cifar, width: 8}, block: x}",
        "sample:",
        "  family: anynet",
        "  stages: 1",
        "  depth: {dist: uniform, low: 1, high: 2, q: 1}",
        "  width: {dist: uniform, low: 8, high: 24, q: 8}",
        "  group_width: [4, 8]",
        ""));
  }

  record Run(int exitCode, String out, String err) {}

  private static Run cli(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] array = args.toArray(String[]::new);
    CommandLine cli = DesignspaceMain.newCommandLine(array);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(array);
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> sweep(Path out, int count, long seed, String... extra) {
    List<String> args = new ArrayList<>(List.of("sweep", spec.toString(), "-n", String.valueOf(count), "--seed",
        String.valueOf(seed), "--batch-size", "32", "--test-limit", "64", "--launcher", "slurm", "--out", out.toString()));
    args.addAll(List.of(extra));
    return args;
  }

  /** Submits and returns the job id, checking how many models went. */
  private static String submit(List<String> args, int expectedModels) {
    Run run = cli(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher m = SUBMITTED.matcher(run.out());
    assertThat(m.find()).as(run.out()).isTrue();
    assertThat(Integer.parseInt(m.group(2))).isEqualTo(expectedModels);
    return m.group(1);
  }

  private static boolean queued(String jobId) {
    return SlurmCommands.squeue().orElseThrow().stream().anyMatch(t -> t.jobId().equals(jobId));
  }

  private static final Set<String> FINAL_STATES = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY",
      "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE");

  /** Whether every task of the job is in a final state, as the controller sees it (squeue can blink during a requeue). */
  private static boolean ended(String jobId) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("scontrol", "-o", "show", "job", jobId).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      return out.contains("Invalid job id"); // purged from the controller: long over
    }
    List<String> states = Pattern.compile("JobState=(\\S+)").matcher(out).results().map(r -> r.group(1)).toList();
    return !states.isEmpty() && FINAL_STATES.containsAll(states);
  }

  /** Polls until the job is over: no task queued, every task in a final state. */
  private static void awaitEnd(String jobId) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (queued(jobId) || !ended(jobId)) {
      assertThat(Instant.now()).as("job " + jobId + " still queued after 4 minutes").isBefore(deadline);
      TimeUnit.MILLISECONDS.sleep(250);
    }
  }

  private static String status(Path out) {
    Run run = cli(List.of("sweep", out.toString(), "--status"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out();
  }

  @Test
  void aSweepRunsAsAnArrayJobAndRetriesOnlyItsFailedModel() throws Exception {
    Path out = dir.resolve("sweep");
    // one model is made to fail: its run directory claims another model, so train refuses to resume it
    SweepModel broken = SweepDirectory.prepare(spec, 4, 11, out).models().get(2);
    Path brokenRun = Files.createDirectories(out.resolve("models").resolve(broken.className()));
    Files.writeString(brokenRun.resolve("model.json"), "{\"class\" : \"not.this.Model\"}");

    List<String> args = sweep(out, 4, 11, "--epochs", "1", "--dataset", "synthetic:256", "--max-parallel", "2");
    String job = submit(args, 4);
    awaitEnd(job);
    String status = status(out);
    assertThat(status).contains("4 models: done 3, failed 1, diverged 0, running 0, pending 0");
    assertThat(status).contains("failed " + broken.id() + ": --resume would continue");
    assertThat(out.resolve("slurm/logs/task-0.log")).exists();
    assertThat(Files.readString(out.resolve("slurm/sweep.sbatch"))).contains("#SBATCH --array=0-3%2");

    Run report = cli(List.of("report", out.toString(), "--out", dir.resolve("report/index.html").toString()));
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out()).contains("TinySlurm: 4 models (3 done)");
    assertThat(Files.readAllLines(dir.resolve("report/models.csv"))).hasSize(5);

    // the same command again: every model has a result, nothing to submit
    Run again = cli(args);
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("nothing to submit: 4 with a result");

    // the cause removed, --retry-failed submits exactly the failed model
    Files.delete(brokenRun.resolve("model.json"));
    List<String> retry = new ArrayList<>(args);
    retry.add("--retry-failed");
    String retryJob = submit(retry, 1);
    JsonNode jobs = JSON.readTree(out.resolve(SlurmSweep.JOBS).toFile()).get("jobs");
    assertThat(jobs).hasSize(2);
    assertThat(jobs.get(1).get("jobId").asText()).isEqualTo(retryJob);
    assertThat(jobs.get(1).get("array").asText()).isEqualTo(broken.position() + "%2");
    awaitEnd(retryJob);
    assertThat(status(out)).contains("4 models: done 4, failed 0, diverged 0, running 0, pending 0");
    assertThat(JSON.readTree(brokenRun.resolve(SlurmSweep.PREVIOUS_RESULT).toFile()).get("status").asText())
        .isEqualTo("failed");
  }

  @Test
  void aCancelledTaskResumesFromItsCheckpointWhenSubmittedAgain() throws Exception {
    Path out = dir.resolve("cancelled");
    List<String> args = sweep(out, 1, 12, "--epochs", "6", "--dataset", "synthetic:24000");
    String job = submit(args, 1);
    Path run = awaitFirstCheckpoint(out, job);
    Process scancel = new ProcessBuilder("scancel", job).inheritIO().start();
    assertThat(scancel.waitFor()).isZero();
    awaitEnd(job);
    int checkpointed = epochsDone(run);
    assertThat(checkpointed).isBetween(1, 5);
    assertThat(run.resolve("result.json")).as("a cancelled task is not a failed model").doesNotExist();
    assertThat(status(out)).contains("done 0, failed 0, diverged 0, running 0, pending 0, not queued 1");

    String resumed = submit(args, 1);
    awaitEnd(resumed);
    JsonNode result = JSON.readTree(run.resolve("result.json").toFile());
    assertThat(result.get("status").asText()).isEqualTo("done");
    assertThat(result.get("epochs").asInt()).isEqualTo(6);
    String log = Files.readString(run.resolve("train.log"));
    assertThat(log).contains("resumed after epoch " + epochsDone(log));
    // the epochs before the checkpoint were trained once: the resumed task began after them
    assertThat(log.split("epoch 1/6:", -1)).hasSize(2);
  }

  @Test
  void aRequeuedTaskResumesFromItsCheckpoint() throws Exception {
    Path out = dir.resolve("requeued");
    String job = submit(sweep(out, 1, 13, "--epochs", "4", "--dataset", "synthetic:24000"), 1);
    Path run = awaitFirstCheckpoint(out, job);
    // what preemption does: Slurm stops the task and queues it again
    scontrol("requeue", job + "_0");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (SlurmCommands.squeue().orElseThrow().stream().noneMatch(t -> t.jobId().equals(job) && t.state().equals("PENDING"))) {
      assertThat(Instant.now()).as("the requeued task never showed as pending").isBefore(deadline);
      TimeUnit.MILLISECONDS.sleep(100);
    }
    scontrol("update", "JobId=" + job + "_0", "StartTime=now"); // Slurm holds requeued tasks back ~2 minutes
    awaitEnd(job);
    JsonNode result = JSON.readTree(run.resolve("result.json").toFile());
    assertThat(result.get("status").asText()).isEqualTo("done");
    assertThat(result.get("epochs").asInt()).isEqualTo(4);
    String log = Files.readString(run.resolve("train.log"));
    assertThat(log).contains("resumed after epoch " + epochsDone(log));
    assertThat(log.split("epoch 1/4:", -1)).hasSize(2);
    assertThat(Files.readString(out.resolve("slurm/logs/task-0.log"))).contains("(job " + job + ", restart 1, on ");
  }

  private static void scontrol(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("scontrol"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).inheritIO().start();
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
  }

  /** Polls until the sweep's only model has its first checkpoint, while its task is still queued. */
  private static Path awaitFirstCheckpoint(Path out, String job) throws Exception {
    SweepModel model = SweepDirectory.open(out).models().get(0);
    Path run = out.resolve("models").resolve(model.className());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (epochsDone(run) < 1) {
      assertThat(queued(job)).as("the task ended before its first checkpoint").isTrue();
      assertThat(Instant.now()).isBefore(deadline);
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return run;
  }

  private static int epochsDone(Path run) throws IOException {
    Path state = run.resolve("state.json");
    if (!Files.isRegularFile(state)) {
      return 0;
    }
    return Optional.ofNullable(JSON.readTree(state.toFile()).get("epochsDone")).map(JsonNode::asInt).orElse(0);
  }

  /** The epoch the run resumed after, from its log. */
  private static int epochsDone(String log) {
    Matcher m = Pattern.compile("resumed after epoch ([0-9]+)").matcher(log);
    assertThat(m.find()).as(log).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
