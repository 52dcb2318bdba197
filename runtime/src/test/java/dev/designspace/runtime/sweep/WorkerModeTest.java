package dev.designspace.runtime.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.designspace.runtime.runfiles.FailureCause;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFileReader;
import dev.designspace.runtime.runfiles.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistent workers against one process per model, crashes and orphans, on tiny models. */
class WorkerModeTest {
  private static final Pattern NOTE =
      Pattern.compile("trained by worker pid (\\d+) \\(its model (\\d+)\\), VmRSS (\\d+) kB");

  @TempDir static Path dir;
  static Path spec;

  @BeforeAll
  static void writeSpec() throws IOException {
    spec = TinySpec.write(dir, "WorkerSpace");
  }

  /** Each model's (pid, its model number) as its worker.log's note says, by model id. */
  private static Map<String, long[]> notes(Path out) throws IOException {
    Map<String, long[]> notes = new TreeMap<>();
    try (Stream<Path> models = Files.list(out.resolve(SweepDirectory.MODELS))) {
      for (Path model : models.toList()) {
        Path log = model.resolve(SweepWorker.LOG);
        String text = Files.exists(log) ? Files.readString(log) : "";
        Matcher m = NOTE.matcher(text);
        if (m.find()) {
          notes.put(
              model.getFileName().toString(),
              new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
      }
    }
    return notes;
  }

  private static List<ProcessHandle> liveDescendants() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
  }

  @Test
  void oneWorkerTrainsModelAfterModelAndEndsWithTheSweep() throws Exception {
    Path out = dir.resolve("one-worker");
    SweepResult result =
        LocalSweep.run(
            new SweepRequest(spec, 3, 1, out, 1, 1, SweepTest.trainArgs(), false),
            SweepListener.NONE);
    assertThat(result.done()).isEqualTo(3);
    Map<String, long[]> notes = notes(out);
    assertThat(notes).hasSize(3);
    assertThat(notes.values().stream().map(n -> n[0]).distinct()).hasSize(1);
    assertThat(notes.values().stream().map(n -> n[1]).sorted()).containsExactly(1L, 2L, 3L);
    long pid = notes.values().iterator().next()[0];
    assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(liveDescendants()).isEmpty();
    // the model's own output precedes the note: train's summary line is in the log
    String anyLog =
        Files.readString(
            out.resolve(SweepDirectory.MODELS)
                .resolve(notes.keySet().iterator().next())
                .resolve(SweepWorker.LOG));
    assertThat(anyLog).contains("best test error").contains("epoch 1/1");
  }

  @Test
  void sweepsSharingOnePoolKeepTheirOwnCountsAndTheirWorker() throws Exception {
    Path other = TinySpec.write(dir, "OtherSpace");
    Path first = dir.resolve("shared-a");
    Path second = dir.resolve("shared-b");
    List<String> lines = new ArrayList<>();
    List<SweepListener> listeners = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      listeners.add(
          new SweepListener() {
            @Override
            public void finished(ModelResult result, SweepProgress progress) {
              lines.add(
                  name + " " + result.id() + " " + progress.finished() + "/" + progress.total());
            }
          });
    }
    List<SweepResult> results =
        LocalSweep.runAll(
            List.of(
                new SweepRequest(spec, 2, 5, first, 1, 1, SweepTest.trainArgs(), false),
                new SweepRequest(other, 3, 5, second, 1, 1, SweepTest.trainArgs(), false)),
            listeners);

    assertThat(results).extracting(SweepResult::done).containsExactly(2, 3);
    assertThat(results.get(0).results()).allMatch(r -> r.id().startsWith("WorkerSpace_"));
    assertThat(results.get(1).results()).allMatch(r -> r.id().startsWith("OtherSpace_"));
    // each sweep's listener hears its own models, counted against its own total, in order
    assertThat(lines)
        .containsExactly(
            "a WorkerSpace_s0000 1/2",
            "a WorkerSpace_s0001 2/2",
            "b OtherSpace_s0000 1/3",
            "b OtherSpace_s0001 2/3",
            "b OtherSpace_s0002 3/3");
    // one persistent worker trained all five, the second sweep's after the first's
    Map<String, long[]> a = notes(first);
    Map<String, long[]> b = notes(second);
    assertThat(a.values().stream().map(n -> n[1]).sorted()).containsExactly(1L, 2L);
    assertThat(b.values().stream().map(n -> n[1]).sorted()).containsExactly(3L, 4L, 5L);
    assertThat(Stream.concat(a.values().stream(), b.values().stream()).map(n -> n[0]).distinct())
        .hasSize(1);
    assertThat(liveDescendants()).isEmpty();
    // rerunning resumes both: nothing left to train
    List<SweepResult> again =
        LocalSweep.runAll(
            List.of(
                new SweepRequest(spec, 2, 5, first, 1, 1, SweepTest.trainArgs(), false),
                new SweepRequest(other, 3, 5, second, 1, 1, SweepTest.trainArgs(), false)),
            List.of(SweepListener.NONE, SweepListener.NONE));
    assertThat(again).extracting(SweepResult::done).containsExactly(2, 3);
    assertThat(notes(second).get("OtherSpace_s0002")[1]).isEqualTo(5L);
  }

  @Test
  void sweepsSharingOnePoolMustAgreeOnTheirWorkers() {
    List<SweepRequest> requests =
        List.of(
            new SweepRequest(spec, 2, 5, dir.resolve("x"), 1, 1, SweepTest.trainArgs(), false),
            new SweepRequest(spec, 2, 5, dir.resolve("y"), 2, 1, SweepTest.trainArgs(), false));
    assertThatThrownBy(
            () -> LocalSweep.runAll(requests, List.of(SweepListener.NONE, SweepListener.NONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same workers");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  /**
   * SIGKILL to the persistent worker training a model (as the out-of-memory killer sends it): the
   * model's run is lost to its environment, so it is trained again, by a new worker, and ends done;
   * the lost run is kept beside it as previous-result-1.json.
   */
  @Test
  void aWorkerKilledMidModelCostsOnlyAnotherTryOfThatModel() throws Exception {
    Path out = dir.resolve("killed-worker");
    List<String> started = new ArrayList<>();
    List<Long> killed = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    SweepListener killSecond =
        new SweepListener() {
          @Override
          public void started(String modelId, int running, int pending) {
            started.add(modelId);
            if (started.size() == 2) { // the worker that trained the first now has the second
              try {
                long pid = notes(out).values().iterator().next()[0];
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                killed.add(pid);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          }

          @Override
          public void message(String line) {
            messages.add(line);
          }
        };
    SweepResult result =
        LocalSweep.run(
            new SweepRequest(spec, 3, 2, out, 1, 1, SweepTest.trainArgs(), false), killSecond);

    // the second model was handed out twice: killed, then trained again at once
    assertThat(started).hasSize(4);
    assertThat(started.get(2)).isEqualTo(started.get(1));
    assertThat(killed).hasSize(1);
    assertThat(result.done()).isEqualTo(3);
    assertThat(result.failed()).isZero();
    assertThat(result.lost()).isEmpty();
    Path again = out.resolve("models").resolve(started.get(1));
    ModelResult lost = RunFileReader.result(again.resolve("previous-result-1.json"));
    assertThat(lost.status()).isEqualTo(RunStatus.FAILED);
    assertThat(lost.cause()).isEqualTo(FailureCause.ENVIRONMENT);
    // SIGKILL: 128 + 9, said in words, and the log's tail is the model's own output
    assertThat(lost.message())
        .startsWith("the worker was killed (SIGKILL: the out-of-memory killer, or someone)")
        .doesNotContain("(no log)");
    assertThat(messages)
        .anyMatch(
            m ->
                m.startsWith(started.get(1) + " lost its run (environment): the worker was killed")
                    && m.endsWith("training it again (retry 1 of " + LocalSweep.RETRIES + ")"));
    // the first model was the killed worker's first; the retry and the third went to a new worker
    Map<String, long[]> notes = notes(out);
    assertThat(notes).hasSize(3);
    assertThat(notes.get(started.get(0))).containsExactly(killed.get(0), 1);
    assertThat(notes.get(started.get(1))[0]).isNotEqualTo(killed.get(0));
    assertThat(notes.get(started.get(3))[0]).isNotEqualTo(killed.get(0));
    assertThat(liveDescendants()).isEmpty();
  }

  @Test
  void aWorkerDoesNotOutliveAKilledSweepWhichThenResumes() throws Exception {
    Path out = dir.resolve("killed-sweep");
    Process sweep = SweepProcess.start(spec, 3, 4, out, dir.resolve("sweep.log"), trainArgs());
    SweepProcess.awaitResults(sweep, out, 1);
    assertThat(sweep.isAlive()).as("the sweep should still be running").isTrue();
    List<ProcessHandle> workers = sweep.descendants().toList();
    assertThat(workers).isNotEmpty();
    sweep.destroyForcibly(); // SIGKILL: no shutdown hook stops the worker
    sweep.onExit().get();
    for (ProcessHandle worker : workers) {
      // its input ends with the sweep: it stops by itself rather than finish its model
      Optional<ProcessHandle> ended =
          Optional.of(worker.onExit().get(60, TimeUnit.SECONDS)).filter(p -> !p.isAlive());
      assertThat(ended).as("worker " + worker.pid() + " ended").isPresent();
    }

    SweepResult resumed =
        LocalSweep.run(
            new SweepRequest(spec, 3, 4, out, 1, 1, trainArgs(), false), SweepListener.NONE);
    assertThat(resumed.done()).isEqualTo(3);
    assertThat(resumed.results()).extracting(ModelResult::id).doesNotHaveDuplicates();
  }

  @Test
  void perModelModeStartsAProcessForEachModel() throws Exception {
    Path out = dir.resolve("per-model");
    SweepResult result =
        LocalSweep.run(
            new SweepRequest(spec, 2, 1, out, 2, 1, trainArgs(), false)
                .withWorkerMode(WorkerMode.PER_MODEL),
            SweepListener.NONE);
    assertThat(result.done()).isEqualTo(2);
    assertThat(notes(out)).isEmpty(); // no persistent worker noted itself
    assertThat(liveDescendants()).isEmpty();
  }

  private static List<String> trainArgs() {
    return SweepTest.trainArgs();
  }
}
