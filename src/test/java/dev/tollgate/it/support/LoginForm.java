package dev.tollgate.it.support;

/**
 * Where a test application asks for the password, and what its form posts.
 *
 * @param page          the path of the sign-in page the application redirects to, or null where it shows the page
 *                      in place of the protected page it was asked for
 * @param action        the path the form posts to
 * @param userField     the name of the user name field
 * @param passwordField the name of the password field
 */
public record LoginForm(String page, String action, String userField, String passwordField) {

    /**
     * The Servlet specification's form login ({@code web.xml} FORM, or Jakarta Security's FORM mechanism): the login
     * page in place of the protected page, posting to {@code j_security_check}.
     */
    public static final LoginForm J_SECURITY_CHECK = new LoginForm(null, "j_security_check", "j_username",
            "j_password");

    /** The application's own sign-in servlet at {@code /signin}, shown in place of the protected page. */
    public static final LoginForm SIGN_IN_SERVLET = new LoginForm(null, "signin", "user", "pass");

    /** The same servlet, where the application's mechanism redirects to it. */
    public static final LoginForm SIGN_IN_REDIRECT = new LoginForm("signin", "signin", "user", "pass");
}
