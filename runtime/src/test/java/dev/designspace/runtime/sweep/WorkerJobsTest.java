package dev.designspace.runtime.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerJobsTest {
  @Test
  void aJobRoundTripsArgumentsWithSpacesQuotesAndNewlines() {
    List<String> args =
        List.of("train", "/runs/a dir/it's", "--model", "X_s0001", "--dataset", "imagefolder:a\nb");
    String line = WorkerJobs.jobLine(args);
    assertThat(line).doesNotContain("\n");
    assertThat(WorkerJobs.parseJob(line)).isEqualTo(args);
  }

  @Test
  void aJobThatIsNotAListOfStringsSaysWhatItShouldBe() {
    assertThatThrownBy(() -> WorkerJobs.parseJob("{\"train\": 1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a worker job is a JSON array of strings, got '{\"train\": 1}'");
  }

  @Test
  void anEndLineRoundTripsAndOtherLinesAreNotEnds() {
    WorkerJobs.End end = new WorkerJobs.End(137, 4242, 3, 512_000);
    assertThat(end.line())
        .isEqualTo("@designspace-worker job-end exit=137 pid=4242 jobs=3 vmrss-kb=512000");
    assertThat(WorkerJobs.End.parse(end.line())).contains(end);
    assertThat(WorkerJobs.End.parse(new WorkerJobs.End(1, 7, 1, -1).line()))
        .contains(new WorkerJobs.End(1, 7, 1, -1));
    assertThat(WorkerJobs.End.parse("X epoch 1/2: loss 2.3000")).isEmpty();
    assertThat(WorkerJobs.End.parse("say " + end.line())).isEmpty();
  }
}
