/** JMH benchmarks of designspace; figures and commands in BENCHMARKS.md. */
package dev.designspace.benchmarks;
