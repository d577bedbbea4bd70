package dev.tollgate.it.apps.faces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * The built-in custom-form mechanism with a Faces sign-in page, as the jakartaee-examples' {@code customFormWithJsf}
 * has it: the page's action hands the credentials to the mechanism and leaves the way back to the page that asked
 * for the login to {@code LoginToContinue}.
 */
@ApplicationScoped
@FacesConfig
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", errorPage = "/error.html"))
public class FacesFormApp {
}
