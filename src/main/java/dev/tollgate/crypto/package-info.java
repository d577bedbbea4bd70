/**
 * Encryption at rest of TOTP secrets: AES-256-GCM under a {@link dev.tollgate.crypto.KeyRing} whose keys can be
 * rotated without downtime.
 *
 * <pre>{@code
 * KeyRing ring = KeyRing.parse(settingValue);              // "2025b:BASE64,2024a:BASE64", the first one active
 * String stored = ring.encrypt(secret.bytes(), "factor:" + factorId);
 * Secret again = Secret.fromBytes(ring.decrypt(stored, "factor:" + factorId));
 * }</pre>
 *
 * <p>This package imports nothing from Jakarta EE and nothing from {@link dev.tollgate.config}: it reports bad key
 * text with its own {@link dev.tollgate.crypto.KeySpecException}, which the configuration reader turns into a
 * start-up error that names the setting.
 */
package dev.tollgate.crypto;
