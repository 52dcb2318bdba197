package dev.designspace.runtime.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * Arguments of {@code train} as a sweep passes them to every model: one option, or a list of them,
 * set over what is there, so that an option is never given twice (which {@code train} refuses).
 */
public final class TrainArguments {
  private TrainArguments() {}

  /** {@code args} with {@code option} set to {@code value}, replacing what it had. */
  public static List<String> with(List<String> args, String option, String value) {
    List<String> out = new ArrayList<>(args);
    int at = out.indexOf(option);
    if (at >= 0 && at + 1 < out.size()) {
      out.set(at + 1, value);
    } else {
      out.addAll(List.of(option, value));
    }
    return out;
  }

  /**
   * {@code args} with every option of {@code overrides} set: {@code --name value} pairs, and lone
   * flags ({@code --decay-all}) added where missing.
   */
  public static List<String> overriddenBy(List<String> args, List<String> overrides) {
    List<String> out = new ArrayList<>(args);
    for (int i = 0; i < overrides.size(); i++) {
      String option = overrides.get(i);
      boolean hasValue = i + 1 < overrides.size() && !overrides.get(i + 1).startsWith("--");
      if (hasValue) {
        out = with(out, option, overrides.get(++i));
      } else if (!out.contains(option)) {
        out.add(option);
      }
    }
    return out;
  }
}
