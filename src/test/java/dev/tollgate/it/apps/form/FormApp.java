package dev.tollgate.it.apps.form;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * A Jakarta Security application as the specification's examples write it: the built-in FORM mechanism with
 * {@code LoginToContinue}, and users in the application's own database tables with PBKDF2-hashed passwords.
 */
@ApplicationScoped
@FormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.html", errorPage = "/error.html"))
@DatabaseIdentityStoreDefinition(
        dataSourceLookup = "java:comp/DefaultDataSource",
        callerQuery = "select hash from form_callers where caller_name = ?",
        groupsQuery = "select group_name from form_caller_groups where caller_name = ?",
        hashAlgorithm = Pbkdf2PasswordHash.class)
public class FormApp {
}
