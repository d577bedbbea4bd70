package dev.tollgate.it.apps.customform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/** The built-in custom-form mechanism: the application's own sign-in servlet hands credentials to it. */
@ApplicationScoped
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/signin", errorPage = "/error.html"))
public class CustomFormApp {
}
