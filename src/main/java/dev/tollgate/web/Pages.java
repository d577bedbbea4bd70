package dev.tollgate.web;

import java.io.IOException;

/** Small steps the pages share. */
final class Pages {

    private Pages() {
    }

    /** Goes on to a page of the application: the one the user asked for, or the application's start. */
    static void continueTo(Page page, String returnTo) throws IOException {
        String target = Navigation.safeReturn(returnTo != null ? returnTo : page.request().getParameter("return"));
        page.response().sendRedirect(page.request().getContextPath() + (target == null ? "/" : target));
    }
}
