/**
 * Storage of second factors through Jakarta Persistence, in tables prefixed {@code tollgate_}: the only package that
 * touches an {@code EntityManager}. Start with {@link dev.tollgate.store.FactorStore}.
 */
package dev.tollgate.store;
