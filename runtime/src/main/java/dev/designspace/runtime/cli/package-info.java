/**
 * The {@code designspace} command line: the top-level command that gathers the generator's
 * commands (and, as they arrive, the runtime's), maps failures to exit codes and prints
 * versions.
 */
package dev.designspace.runtime.cli;
