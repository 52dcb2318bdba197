package dev.designspace.runtime.runfiles;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a run failed, as far as it tells anything about the model. Only a {@link #MODEL} failure
 * does; a model lost to its {@link #ENVIRONMENT} or {@link #INTERRUPTED} says nothing about the
 * design space, is left out of its EDF like every failure, and is trained again when the sweep is
 * rerun.
 */
public enum FailureCause {
  /**
   * The model itself: a graph that cannot be built, a kernel that refuses it, the same failure on
   * every try. Failed results written before causes were recorded read as this.
   */
  MODEL,
  /**
   * The machine it ran on: no space left or another I/O error, the worker killed by a signal (the
   * out-of-memory killer), a JVM or tensor allocation out of memory.
   */
  ENVIRONMENT,
  /** Stopped from outside: Ctrl-C, SIGTERM, a scheduler's time limit. */
  INTERRUPTED;

  /** As result.json writes it. */
  @JsonValue
  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static FailureCause parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Whether a rerun of the sweep trains the model again without being asked to. */
  public boolean retriedOnResume() {
    return this != MODEL;
  }
}
