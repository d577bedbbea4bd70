/**
 * What Tollgate's pages show, apart from how it is worked out: a small view-model record for each page (plain
 * values, never a domain type), the {@link dev.tollgate.web.view.PageContext} every template gets (texts, links, the
 * application's name, the CSRF token), and {@link dev.tollgate.web.view.Templates}, which renders them with the jte
 * templates of {@code src/main/jte}, precompiled at build time into {@code dev.tollgate.web.view.template}.
 *
 * <p>Internal to Tollgate: the types are public only because the generated template classes live in a package of
 * their own. Applications reword or translate the pages through the resource bundle, not through these types.
 */
package dev.tollgate.web.view;
