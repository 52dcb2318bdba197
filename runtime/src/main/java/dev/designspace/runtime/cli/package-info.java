/**
 * The {@code designspace} command line: the top-level command that gathers the generator's commands
 * and the runtime's (train, sweep with its status, study, report, ...), the training options they
 * share, and the typed option values; failures become exit codes in the generator's one handler.
 */
package dev.designspace.runtime.cli;
