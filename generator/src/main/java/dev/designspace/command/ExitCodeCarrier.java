package dev.designspace.command;

/**
 * An exception that says which exit code the command ends with, and whose message is for the user
 * as it is (no exception name, no stack trace hint).
 */
public interface ExitCodeCarrier {
  /** One of {@link ExitCodes}. */
  int exitCode();
}
