/**
 * Spec values written in messages the way a spec writes them (8 rather than 8.0). Spec,
 * distribution, sampling and emission messages all quote spec values, so this sits below them.
 */
package dev.designspace.generator.text;
