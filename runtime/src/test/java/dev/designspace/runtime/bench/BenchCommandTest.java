package dev.designspace.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.runtime.cli.CliRun;
import dev.designspace.runtime.convtuning.FormulationChoice;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The hidden benchmark command parses what BENCHMARKS.md runs. */
class BenchCommandTest {
  private static <T> T parsed(T command, String... args) {
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void benchAndItsWorkerAreHiddenButParse() {
    CliRun help = CliRun.of("--help");
    assertThat(help.out()).contains("train").doesNotContain("bench");
    BenchCommand worker = parsed(new BenchCommand(), "worker", "--steps", "2");
    assertThat(worker.what).isEqualTo(BenchCommand.What.WORKER);
  }

  @Test
  void benchTakesSeveralFormulations() {
    BenchCommand bench = parsed(new BenchCommand(), "training", "--conv-impl", "grouped,split");
    assertThat(bench.convImpls).containsExactly(FormulationChoice.GROUPED, FormulationChoice.SPLIT);
  }
}
