package dev.designspace.benchmarks;

import com.palantir.javapoet.JavaFile;
import dev.designspace.generator.emit.GenerationRequest;
import dev.designspace.generator.emit.ModelSource;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.runtime.compile.ModelCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sampling, emitting and compiling 500 models in memory (what {@code sweep} and {@code train} do
 * with a spec), side by side with sampling and emitting alone. Single shots: the first run of a
 * command is what a user waits for.
 *
 * <p>Run from the repository root: {@code java -jar benchmarks/target/benchmarks.jar
 * GenerateCompile}.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class GenerateCompileBenchmark {

  @Param("specs/regnet-x.yaml")
  public String spec;

  @Param("500")
  public int models;

  private long seed = 1;

  @Benchmark
  public List<JavaFile> sampleAndEmit() {
    GenerationRequest request =
        new GenerationRequest(List.of(Path.of(spec)), models, seed++, "bench.models", Path.of("."));
    List<ModelSource> sources = SourceGeneration.models(request);
    return SourceGeneration.emit(request, sources);
  }

  @Benchmark
  public Object sampleEmitAndCompile() {
    List<JavaFile> files = sampleAndEmit();
    return ModelCompiler.compile(files.stream().map(JavaFile::toJavaFileObject).toList());
  }
}
