package dev.tollgate.factor;

import dev.tollgate.crypto.KeyRing;
import dev.tollgate.crypto.SecretDecryptionException;
import dev.tollgate.otp.Secret;
import dev.tollgate.store.Factor;
import dev.tollgate.store.FactorStore;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The TOTP secrets at rest: each encrypted under the key ring and bound to its row and owner, and moved to the active
 * key when it is used or by {@link #reencryptAll()} after a rotation.
 */
final class TotpSecrets {

    private static final int BATCH = 500;

    private final FactorStore store;
    private final KeyRing keys;

    TotpSecrets(FactorStore store, KeyRing keys) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Encrypts the secret of a new factor.
     *
     * @return the ciphertext to store
     */
    String seal(String factorId, String username, Secret secret) {
        return keys.encrypt(secret.bytes(), associatedData(factorId, username));
    }

    /**
     * Decrypts a factor's secret, and re-encrypts it under the active key when an older key encrypted it.
     *
     * @throws SecretDecryptionException if the ciphertext was moved from another row, tampered with, or is under a
     *                                   key no longer configured
     */
    Secret open(Factor factor) {
        Secret secret = Secret.fromBytes(keys.decrypt(factor.secretCiphertext(),
                associatedData(factor.id(), factor.username())));
        if (keys.needsRotation(factor.secretCiphertext())) {
            // losing this race to another server is harmless: both write the same secret under the active key
            store.replaceCiphertext(factor.id(), factor.secretCiphertext(),
                    seal(factor.id(), factor.username(), secret));
        }
        return secret;
    }

    /** See {@link TotpFactors#reencryptAll()}. */
    TotpFactors.Reencryption reencryptAll() {
        int done = 0;
        Set<String> failed = new HashSet<>();
        while (true) {
            // the failed ones stay under their old key and come back in every batch: ask for that many more
            List<Factor> batch = store.findEncryptedWithOtherKeys(keys.activeKeyId(), BATCH + failed.size())
                    .stream().filter(f -> !failed.contains(f.id())).toList();
            if (batch.isEmpty()) {
                return new TotpFactors.Reencryption(done, failed.size());
            }
            for (Factor factor : batch) {
                try {
                    if (store.replaceCiphertext(factor.id(), factor.secretCiphertext(), keys.reencrypt(
                            factor.secretCiphertext(), associatedData(factor.id(), factor.username())))) {
                        done++;
                    }
                } catch (SecretDecryptionException e) {
                    failed.add(factor.id());
                }
            }
        }
    }

    /** Binds a ciphertext to its row and owner, so that copying it to another factor or user makes it useless. */
    private static String associatedData(String factorId, String username) {
        return "tollgate:factor:" + factorId + ":" + username;
    }
}
