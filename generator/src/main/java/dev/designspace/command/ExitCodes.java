package dev.designspace.command;

/** The process exit codes of every designspace command. */
public final class ExitCodes {
  public static final int OK = 0;

  /** Something failed while running. */
  public static final int FAILURE = 1;

  /** Bad input: usage, spec or data. */
  public static final int BAD_INPUT = 2;

  /**
   * A sweep ended with models lost to their environment (a full disk, a killed worker) or not
   * trained because it stopped: running the same command again trains them.
   */
  public static final int MODELS_LOST = 3;

  private ExitCodes() {}
}
