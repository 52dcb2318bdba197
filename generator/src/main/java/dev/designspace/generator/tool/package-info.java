/**
 * What every part of the designspace tool shares, whichever module it runs in: files replaced
 * atomically and directory trees deleted, the lock that keeps two processes out of one directory,
 * the process exit codes (0 ok, 1 failure while running, 2 bad input), the exception for input a
 * user must fix, the version recorded at build time, and spec numbers written in messages as the
 * spec writes them.
 */
package dev.designspace.generator.tool;
