package dev.tollgate.it.apps.caseless;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An identity store that ignores the case of user names but names the caller as typed, as Soteria's
 * {@code DatabaseIdentityStore} does on a MySQL table with a case-insensitive collation: {@code CASE7} signs in as
 * {@code CASE7}, the same account as {@code case7}. Users {@code case0} to {@code case999}, one password, all in
 * {@code staff}.
 */
@ApplicationScoped
public class EchoingIdentityStore implements IdentityStore {

    private static final Pattern USERS = Pattern.compile("case[0-9]{1,3}");

    /**
     * Checks a user name, in any case, and password.
     *
     * @param credential what the caller typed
     * @return the caller as typed and their groups, or the invalid result
     */
    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        if (!USERS.matcher(credential.getCaller().toLowerCase(Locale.ROOT)).matches()
                || !credential.compareTo(credential.getCaller(), CaselessIdentityStore.PASSWORD)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(credential.getCaller(), Set.of("staff"));
    }
}
