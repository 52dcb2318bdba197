/** Test support shared by the runtime's tests: prerequisites that CI can require. */
package dev.designspace.runtime.testing;
