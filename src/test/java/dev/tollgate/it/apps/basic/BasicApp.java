package dev.tollgate.it.apps.basic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/** The built-in BASIC mechanism: the caller's password comes with the protected request itself. */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "tollgate-test")
public class BasicApp {
}
