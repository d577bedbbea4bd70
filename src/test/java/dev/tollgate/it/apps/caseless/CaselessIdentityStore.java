package dev.tollgate.it.apps.caseless;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An identity store that ignores the case of user names, as LDAP and a MySQL table with a case-insensitive collation
 * do, and names the caller in its canonical lower case: {@code CASE7} signs in as {@code case7}. Its users are
 * {@code case0} to {@code case999}, all with the same password, all in {@code staff}.
 */
@ApplicationScoped
public class CaselessIdentityStore implements IdentityStore {

    /** The password of every user. */
    public static final String PASSWORD = "correct-horse-battery";

    private static final Pattern USERS = Pattern.compile("case[0-9]{1,3}");

    /**
     * Checks a user name, in any case, and password.
     *
     * @param credential what the caller typed
     * @return the caller in lower case and their groups, or the invalid result
     */
    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String canonical = credential.getCaller().toLowerCase(Locale.ROOT);
        if (!USERS.matcher(canonical).matches() || !credential.compareTo(credential.getCaller(), PASSWORD)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(canonical, Set.of("staff"));
    }
}
