package dev.designspace.runtime.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a worker process finds in its environment. */
class WorkerEnvironmentTest {
  @Test
  void oneDnnIsOnUnlessTheEnvironmentSaysOtherwise() {
    ProcessBuilder unset = new ProcessBuilder("true");
    unset.environment().remove("TF_ENABLE_ONEDNN_OPTS");
    unset.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    LocalSweep.workerEnvironment(unset);
    assertThat(unset.environment())
        .containsEntry("TF_ENABLE_ONEDNN_OPTS", "1")
        .containsEntry("TF_CPP_MIN_LOG_LEVEL", "1")
        .containsEntry("DESIGNSPACE_PLAIN_PROGRESS", "1");

    ProcessBuilder told = new ProcessBuilder("true");
    told.environment().put("TF_ENABLE_ONEDNN_OPTS", "0");
    LocalSweep.workerEnvironment(told);
    assertThat(told.environment()).containsEntry("TF_ENABLE_ONEDNN_OPTS", "0");
  }
}
