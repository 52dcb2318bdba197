package dev.designspace.benchmarks;

import dev.designspace.generator.sampling.ModelSampler;
import dev.designspace.generator.sampling.SampleRequest;
import dev.designspace.generator.sampling.SampleResult;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecLoader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rejection sampling under the complexity constraint (RegNetX, 360-400 MF at 224), on one thread.
 * {@code accept500} is the wall time to accept 500 models; the {@code candidates} counter of {@code
 * candidatesPerSecond} is candidates drawn and checked per second.
 *
 * <p>Run from the repository root: {@code java -jar benchmarks/target/benchmarks.jar Sampling}.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SamplingBenchmark {

  @Param("specs/regnet-x.yaml")
  public String spec;

  private DesignSpace space;
  private long seed;

  @Setup(Level.Trial)
  public void load() {
    space = SpecLoader.load(Path.of(spec));
  }

  /** Counters that JMH reports as rates (per second), next to the operation rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Candidates {
    public long candidates;
    public long accepted;

    @Setup(Level.Iteration)
    public void reset() {
      candidates = 0;
      accepted = 0;
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public SampleResult candidatesPerSecond(Candidates counters) {
    SampleResult result = ModelSampler.sample(SampleRequest.of(space, 20, seed++));
    counters.candidates += result.stats().candidates();
    counters.accepted += result.models().size();
    return result;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 10)
  public SampleResult accept500() {
    return ModelSampler.sample(SampleRequest.of(space, 500, seed++));
  }
}
