/**
 * What every command of the tool shares at its boundary: the process exit codes (0 ok, 1 failure
 * while running, 2 bad input, 3 models lost), the base class of the mistakes a user must fix, and
 * the version recorded at build time.
 */
package dev.designspace.command;
