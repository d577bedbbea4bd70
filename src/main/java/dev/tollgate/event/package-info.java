/**
 * Security events for auditing: what happened, to whom, when and from where, never a secret. Observe
 * {@link dev.tollgate.event.SecurityEvent} as a CDI event, or route the log {@code dev.tollgate.audit}.
 */
package dev.tollgate.event;
