package dev.tollgate.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The text form of a key ring, {@code id:base64} entries separated by commas (see {@link KeyRing}), read into keys
 * with errors that name the entry by position and never repeat key material.
 */
final class KeyRingText {

    private KeyRingText() {
    }

    /**
     * Reads the entries.
     *
     * @param spec comma-separated {@code id:base64} entries; spaces around entries are ignored
     * @return the keys, in the order written
     * @throws KeySpecException if the text is empty or an entry is empty or malformed
     */
    static List<EncryptionKey> entries(String spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.isBlank()) {
            throw new KeySpecException("key ring is empty: it needs at least one id:base64 entry, the active key");
        }
        String[] entries = spec.split(",", -1);
        List<EncryptionKey> keys = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                throw new KeySpecException("key ring entry " + (i + 1) + " of " + entries.length
                        + " is empty; remove the extra ','");
            }
            try {
                keys.add(EncryptionKey.parse(entry));
            } catch (KeySpecException e) {
                throw new KeySpecException("key ring entry " + (i + 1) + " of " + entries.length + ": "
                        + e.getMessage());
            }
        }
        return keys;
    }
}
