package dev.designspace.runtime.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep directory grows by a prefix of the larger sample, and only when asked to. */
class SweepDirectoryTest {
  @Test
  void aGrowingSweepKeepsItsFirstModelsAndNeverShrinks(@TempDir Path dir) throws Exception {
    Path spec = TinySpec.write(dir, "TinyGrow");
    Path out = dir.resolve("sweep");
    SweepDirectory two = SweepDirectory.prepare(spec, 2, 5, out);
    List<String> first = two.models().stream().map(SweepModel::id).toList();
    String firstSource = Files.readString(two.source(two.models().get(0)));
    // a sweep of 2 refuses -n 4 unless it is asked to grow
    assertThatThrownBy(() -> SweepDirectory.prepare(spec, 4, 5, out))
        .hasMessageContaining("it has -n 2, not 4");
    SweepDirectory four = SweepDirectory.prepare(spec, 4, 5, out, true);
    assertThat(four.models()).hasSize(4);
    assertThat(four.models().subList(0, 2).stream().map(SweepModel::id).toList()).isEqualTo(first);
    // the same class; only the command in its Javadoc names the larger sample
    assertThat(Files.readString(four.source(four.models().get(0))))
        .isEqualTo(firstSource.replace("-n 2 --seed 5", "-n 4 --seed 5"));
    assertThat(four.classes().resolve("dev")).isDirectory();
    // growing to fewer keeps the 4
    assertThat(SweepDirectory.prepare(spec, 3, 5, out, true).models()).hasSize(4);
    // another seed is still another sweep
    assertThatThrownBy(() -> SweepDirectory.prepare(spec, 6, 6, out, true))
        .hasMessageContaining("it has --seed 5, not 6");
  }
}
