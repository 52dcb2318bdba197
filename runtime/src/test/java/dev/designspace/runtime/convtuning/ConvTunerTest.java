package dev.designspace.runtime.convtuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.designspace.layers.ConvChooser;
import dev.designspace.layers.ConvFormulation;
import dev.designspace.layers.ConvShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auto choice: the fastest candidate wins, is cached on disk, and is looked up after. */
class ConvTunerTest {
  private static final ConvShape THREE_GROUPS = new ConvShape(14, 14, 24, 24, 3, 2, 3);
  private static final ConvShape ONE_CHANNEL_GROUPS = new ConvShape(7, 7, 16, 16, 3, 1, 16);

  @TempDir Path dir;

  /** Fixed timings per formulation, and a record of what was timed. */
  private static final class FakeTimer implements ConvTimer {
    final Map<ConvFormulation, Double> millis;
    final List<String> timed = new ArrayList<>();

    FakeTimer(Map<ConvFormulation, Double> millis) {
      this.millis = millis;
    }

    @Override
    public double millis(ConvShape shape, int batch, int threads, ConvFormulation formulation) {
      timed.add(shape.text() + " " + formulation.externalName() + " b" + batch + " t" + threads);
      return millis.get(formulation);
    }
  }

  private static FakeTimer blockdiagFastest() {
    return new FakeTimer(
        Map.of(
            ConvFormulation.GROUPED, 3.0,
            ConvFormulation.DEPTHWISE, 0.5,
            ConvFormulation.SPLIT, 2.5,
            ConvFormulation.BLOCKDIAG, 1.5));
  }

  private static final ConvTimer NEVER =
      (shape, batch, threads, f) -> {
        throw new AssertionError("timed " + shape.text() + " although it was cached");
      };

  @Test
  void theFastestApplicableFormulationIsChosenCachedAndLookedUpAfter() throws IOException {
    Path file = dir.resolve("cache/conv-impl.json");
    FakeTimer timer = blockdiagFastest();
    List<String> log = new ArrayList<>();
    ConvTuner tuner = new ConvTuner(file, timer, 64, 2, log::add);
    // depthwise would be fastest but does not apply to 8 channels per group: not even timed
    assertThat(tuner.choose(THREE_GROUPS)).isEqualTo(ConvFormulation.BLOCKDIAG);
    assertThat(timer.timed)
        .containsExactly(
            "14x14x24-24-k3s2g3 grouped b64 t2",
            "14x14x24-24-k3s2g3 split b64 t2",
            "14x14x24-24-k3s2g3 blockdiag b64 t2");
    assertThat(tuner.choose(THREE_GROUPS)).isEqualTo(ConvFormulation.BLOCKDIAG);
    assertThat(timer.timed).hasSize(3); // the second ask is a lookup
    assertThat(log).hasSize(1);
    assertThat(log.get(0))
        .startsWith(
            "conv-impl: 14x14x24-24-k3s2g3, batch 64: blockdiag {grouped=3.0, split=2.5,"
                + " blockdiag=1.5}, tuned in ")
        .endsWith(" s");
    assertThat(tuner.choices())
        .containsExactly(Map.entry("14x14x24-24-k3s2g3", ConvFormulation.BLOCKDIAG));

    String json = Files.readString(file);
    assertThat(json)
        .contains("\"format\" : 1")
        .contains("batch 64, 14x14x24-24-k3s2g3")
        .contains("\"choice\" : \"blockdiag\"")
        .contains("\"split\" : 2.5");
    assertThat(Files.list(file.getParent())).containsExactly(file); // no temporary left behind

    // a later run with the same batch and threads only reads the file
    ConvTuner later = new ConvTuner(file, NEVER, 64, 2, line -> {});
    assertThat(later.choose(THREE_GROUPS)).isEqualTo(ConvFormulation.BLOCKDIAG);
  }

  @Test
  void anotherBatchOrThreadCountIsTunedAgainAndBothStayInTheFile() {
    Path file = dir.resolve("conv-impl.json");
    new ConvTuner(file, blockdiagFastest(), 64, 2, line -> {}).choose(THREE_GROUPS);
    FakeTimer groupedFastest =
        new FakeTimer(
            Map.of(
                ConvFormulation.GROUPED, 1.0,
                ConvFormulation.SPLIT, 2.0,
                ConvFormulation.BLOCKDIAG, 3.0));
    assertThat(new ConvTuner(file, groupedFastest, 64, 1, line -> {}).choose(THREE_GROUPS))
        .isEqualTo(ConvFormulation.GROUPED);
    assertThat(groupedFastest.timed).hasSize(3);
    assertThat(new ConvTuner(file, NEVER, 64, 2, line -> {}).choose(THREE_GROUPS))
        .isEqualTo(ConvFormulation.BLOCKDIAG);
    assertThat(new ConvTuner(file, NEVER, 64, 1, line -> {}).choose(THREE_GROUPS))
        .isEqualTo(ConvFormulation.GROUPED);
  }

  @Test
  void oneChannelGroupsAreTimedAsGroupedDepthwiseAndBlockdiag() {
    FakeTimer timer = blockdiagFastest();
    ConvTuner tuner = new ConvTuner(dir.resolve("c.json"), timer, 8, 1, line -> {});
    assertThat(tuner.choose(ONE_CHANNEL_GROUPS)).isEqualTo(ConvFormulation.DEPTHWISE);
    assertThat(timer.timed)
        .containsExactly(
            "7x7x16-16-k3s1g16 grouped b8 t1",
            "7x7x16-16-k3s1g16 depthwise b8 t1",
            "7x7x16-16-k3s1g16 blockdiag b8 t1");
  }

  @Test
  void aCorruptCacheIsIgnoredAndRewritten() throws IOException {
    Path file = dir.resolve("conv-impl.json");
    Files.writeString(file, "{\"format\": 1, \"entries\": {\"x\": [tru", StandardCharsets.UTF_8);
    FakeTimer timer = blockdiagFastest();
    assertThat(new ConvTuner(file, timer, 64, 2, line -> {}).choose(THREE_GROUPS))
        .isEqualTo(ConvFormulation.BLOCKDIAG);
    assertThat(timer.timed).hasSize(3);
    assertThat(new ConvTuningCache(file).read()).hasSize(1);
    assertThat(new ConvTuner(file, NEVER, 64, 2, line -> {}).choose(THREE_GROUPS))
        .isEqualTo(ConvFormulation.BLOCKDIAG);
  }

  @Test
  void anEntryNamingAnUnknownFormulationIsTunedAgain() throws IOException {
    Path file = dir.resolve("conv-impl.json");
    ConvTuner first = new ConvTuner(file, blockdiagFastest(), 64, 2, line -> {});
    first.choose(THREE_GROUPS);
    Files.writeString(file, Files.readString(file).replace("\"blockdiag\"", "\"winograd\""));
    FakeTimer again = blockdiagFastest();
    assertThat(new ConvTuner(file, again, 64, 2, line -> {}).choose(THREE_GROUPS))
        .isEqualTo(ConvFormulation.BLOCKDIAG);
    assertThat(again.timed).hasSize(3);
  }

  @Test
  void anUnwritableCacheLeavesTheChoiceForThisRun() throws IOException {
    Path blocker = dir.resolve("not-a-directory");
    Files.writeString(blocker, "a file where the cache directory would be");
    List<String> log = new ArrayList<>();
    ConvTuner tuner =
        new ConvTuner(blocker.resolve("conv-impl.json"), blockdiagFastest(), 64, 2, log::add);
    assertThat(tuner.choose(THREE_GROUPS)).isEqualTo(ConvFormulation.BLOCKDIAG);
    assertThat(log.get(1))
        .startsWith("conv-impl: cannot write " + blocker.resolve("conv-impl.json"))
        .endsWith("the choice holds for this run only");
  }

  @Test
  void theSessionTimerTimesEveryApplicableFormulation() {
    Path file = dir.resolve("conv-impl.json");
    ConvTuner tuner = new ConvTuner(file, new SessionConvTimer(1, 1), 2, 1, line -> {});
    ConvShape shape = new ConvShape(6, 6, 16, 16, 3, 2, 2);
    ConvFormulation chosen = tuner.choose(shape);
    Map<String, ConvTuningCache.Entry> entries = new ConvTuningCache(file).read();
    assertThat(entries).hasSize(1);
    ConvTuningCache.Entry entry = entries.values().iterator().next();
    assertThat(entry.millis()).containsOnlyKeys("grouped", "split", "blockdiag");
    assertThat(entry.millis().values()).allSatisfy(ms -> assertThat(ms).isPositive().isFinite());
    assertThat(entry.choice()).isEqualTo(chosen.externalName());
    double fastest =
        entry.millis().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    assertThat(entry.millis().get(chosen.externalName())).isEqualTo(fastest);
  }

  @Test
  void convImplNamesAndChoosers() {
    for (FormulationChoice c : FormulationChoice.values()) {
      assertThat(FormulationChoice.parse(c.externalName())).isEqualTo(c);
    }
    assertThatThrownBy(() -> FormulationChoice.parse("fast"))
        .hasMessage(
            "unknown convolution implementation 'fast': expected auto, grouped, depthwise, split or"
                + " blockdiag");
    ConvChooser split = FormulationChoice.SPLIT.chooser(128, 2);
    assertThat(split.choose(THREE_GROUPS)).isEqualTo(ConvFormulation.SPLIT);
    assertThat(FormulationChoice.AUTO.chooser(128, 2)).isInstanceOf(ConvTuner.class);
  }
}
