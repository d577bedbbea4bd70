package dev.tollgate.it.apps.customform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Map;
import java.util.Set;

/** The application's own identity store: a fixed list of users, all with the same test password. */
@ApplicationScoped
public class InMemoryIdentityStore implements IdentityStore {

    /** The password of every user. */
    public static final String PASSWORD = "correct-horse-battery";

    private static final Map<String, Set<String>> GROUPS = Map.of(
            "alice", Set.of("staff"),
            "bob", Set.of("staff"),
            "carol", Set.of("staff", "admin"),
            "dave", Set.of("staff"),
            "erin", Set.of("staff"),
            "frank", Set.of("staff", "admin"),
            // known to this store only, not to any server's realm: the server must take the mechanism's caller as given
            "zoe", Set.of("staff"));

    /**
     * Checks a user name and password.
     *
     * @param credential what the caller typed
     * @return the caller and groups, or the invalid result
     */
    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Set<String> groups = GROUPS.get(credential.getCaller());
        if (groups == null || !credential.compareTo(credential.getCaller(), PASSWORD)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(credential.getCaller(), groups);
    }
}
