package dev.designspace.layers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * The variables of one graph by hierarchical name ({@code stage2/block3/conv_b/kernel}), created
 * once with their initialisers and shared by every build over the graph. Scopes are created once
 * per path and reused: TensorFlow renames a re-entered scope ({@code stage1_1}).
 */
public final class VariableStore {
  /** What a variable is, for weight decay and parameter counts. */
  public enum Kind {
    /** conv and dense weights */
    KERNEL,
    /** conv and dense biases */
    BIAS,
    /** BN gamma */
    BN_GAMMA,
    /** BN beta */
    BN_BETA,
    /** BN moving mean and variance: state, not trainable */
    MOVING_STATISTIC,
    /** optimiser state such as momentum accumulators: never exported */
    OPTIMIZER_SLOT;

    public boolean trainable() {
      return this != MOVING_STATISTIC && this != OPTIMIZER_SLOT;
    }
  }

  /** How a variable starts. */
  sealed interface Init permits Normal, Uniform, Constant {}

  record Normal(float stddev) implements Init {}

  record Uniform(float limit) implements Init {}

  record Constant(float value) implements Init {}

  private final Ops root;
  private final long seed;
  private final Map<String, Ops> scopes = new HashMap<>();
  private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final Map<String, Kind> kinds = new LinkedHashMap<>();

  VariableStore(Ops root, long seed) {
    this.root = root;
    this.seed = seed;
  }

  /** The scope for a path such as {@code stage1/block2/conv_a}, created once. */
  Ops scope(String path) {
    if (path.isEmpty()) {
      return root;
    }
    Ops cached = scopes.get(path);
    if (cached != null) {
      return cached;
    }
    int slash = path.lastIndexOf('/');
    Ops parent = slash < 0 ? root : scope(path.substring(0, slash));
    Ops created = parent.withSubScope(path.substring(slash + 1));
    scopes.put(path, created);
    return created;
  }

  /** The variable {@code path/name}, created with {@code init} the first time it is asked for. */
  Variable<TFloat32> variable(String path, String name, Shape shape, Init init, Kind kind) {
    String full = path.isEmpty() ? name : path + "/" + name;
    Variable<TFloat32> existing = variables.get(full);
    if (existing != null) {
      if (!existing.shape().equals(shape)) {
        throw new IllegalStateException(
            full + " exists with shape " + existing.shape() + ", asked for " + shape);
      }
      return existing;
    }
    Ops scope = scope(path);
    Ops initScope = scope.withInitScope();
    // seed2 from the name: the same seed gives the same weights whatever the build order
    long seed2 = (full.hashCode() & 0x7fffffffL) | 1L;
    Operand<TFloat32> value;
    if (init instanceof Normal n) {
      value =
          initScope.math.mul(
              initScope.random.randomStandardNormal(
                  initScope.constant(shape),
                  TFloat32.class,
                  RandomStandardNormal.seed(seed),
                  RandomStandardNormal.seed2(seed2)),
              initScope.constant(n.stddev()));
    } else if (init instanceof Uniform u) {
      Operand<TFloat32> unit =
          initScope.random.randomUniform(
              initScope.constant(shape),
              TFloat32.class,
              RandomUniform.seed(seed),
              RandomUniform.seed2(seed2));
      value =
          initScope.math.mul(
              initScope.math.sub(
                  initScope.math.mul(unit, initScope.constant(2f)), initScope.constant(1f)),
              initScope.constant(u.limit()));
    } else {
      value =
          initScope.fill(initScope.constant(shape), initScope.constant(((Constant) init).value()));
    }
    Variable<TFloat32> variable = scope.withName(name).variable(shape, TFloat32.class);
    if (!variable.op().name().equals(full)) {
      throw new IllegalStateException(
          "variable "
              + full
              + " was named "
              + variable.op().name()
              + " by TensorFlow: a scope or name was created twice");
    }
    initScope.withName(name + "_init").assign(variable, value);
    variables.put(full, variable);
    kinds.put(full, kind);
    return variable;
  }

  /**
   * An optimiser slot for a variable, zero-initialised, named {@code <variable>_<slot>} beside it
   * (e.g. {@code stage1/block1/conv_a/kernel_momentum}).
   */
  public Variable<TFloat32> optimizerSlot(String variableName, String slot) {
    Variable<TFloat32> v = variables.get(variableName);
    if (v == null) {
      throw new IllegalArgumentException("no variable " + variableName);
    }
    int slash = variableName.lastIndexOf('/');
    String path = slash < 0 ? "" : variableName.substring(0, slash);
    String leaf = variableName.substring(slash + 1);
    return variable(path, leaf + "_" + slot, v.shape(), new Constant(0f), Kind.OPTIMIZER_SLOT);
  }

  /** Every variable by name, in creation order. */
  public Map<String, Variable<TFloat32>> all() {
    return java.util.Collections.unmodifiableMap(variables);
  }

  public Kind kind(String name) {
    return kinds.get(name);
  }

  /** Trainable variables (kernels, biases, BN gamma and beta), in creation order. */
  public List<Variable<TFloat32>> trainable() {
    return ofKinds(Kind.KERNEL, Kind.BIAS, Kind.BN_GAMMA, Kind.BN_BETA);
  }

  public List<Variable<TFloat32>> ofKinds(Kind... wanted) {
    List<Variable<TFloat32>> out = new ArrayList<>();
    List<Kind> w = List.of(wanted);
    variables.forEach(
        (name, v) -> {
          if (w.contains(kinds.get(name))) {
            out.add(v);
          }
        });
    return out;
  }

  /** The number of trainable parameters, from the variables' shapes. */
  public long trainableParameters() {
    return trainable().stream().mapToLong(v -> v.shape().size()).sum();
  }
}
