/**
 * In-process compilation of generated model sources with the running JDK's compiler (javax.tools),
 * in memory, so that commands can take a spec directly.
 */
package dev.designspace.runtime.compile;
