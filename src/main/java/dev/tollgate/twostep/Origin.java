package dev.tollgate.twostep;

/** Who performed the first-factor login, and so who holds the caller until the second factor. */
public enum Origin {
    /**
     * The server's own login ({@code j_security_check}, BASIC, {@code HttpServletRequest.login}) against its realm:
     * the container holds the caller after the password, and Tollgate's filter holds every request of the session
     * until the second factor.
     */
    CONTAINER,
    /**
     * The application's Jakarta Security mechanism, wrapped by Tollgate: the password was checked, but the container
     * login is held back until the second factor, so the container never holds a one-factor caller.
     */
    MECHANISM
}
