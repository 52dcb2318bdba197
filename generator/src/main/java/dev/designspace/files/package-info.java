/**
 * Files every command writes safely: a file replaced atomically (readers see the old or the new
 * content, never half), directory trees deleted, and the lock that keeps two processes out of one
 * directory. It lives in the generator module, the lowest one that the tool's commands share, and
 * not in the lean {@code model} and {@code layers} artifacts that generated code depends on.
 */
package dev.designspace.files;
