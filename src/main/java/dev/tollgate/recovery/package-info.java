/**
 * Single-use recovery codes: generation in a readable form and keyed hashing for storage. Pure Java, no Jakarta EE.
 */
package dev.tollgate.recovery;
