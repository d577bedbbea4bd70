package dev.tollgate.web.view;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.util.Map;

/**
 * Renders a page's view model with its template, precompiled at build time (no compiler or JDK at run time).
 *
 * <pre>{@code
 * byte[] html = templates.render(context, new LoginView(null, "/orders"));
 * }</pre>
 *
 * <p>One instance per application: the engine keeps the template classes it loaded. Safe for concurrent use.
 */
public final class Templates {

    /** Where the jte plugin puts the template classes; {@code pom.xml} names the same package. */
    static final String PACKAGE = "dev.tollgate.web.view.template";

    private final TemplateEngine engine;

    private Templates(TemplateEngine engine) {
        this.engine = engine;
    }

    /** The templates compiled into this jar. */
    public static Templates precompiled() {
        // without a class directory jte loads template classes through the thread's context class loader; make that
        // the one that loaded Tollgate, which also sees the view models, whatever the caller's thread has set
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Templates.class.getClassLoader());
        try {
            return new Templates(TemplateEngine.createPrecompiled(null, ContentType.Html, null, PACKAGE));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The page of {@code view} as UTF-8 HTML. */
    public byte[] render(PageContext page, View view) {
        Utf8ByteOutput output = new Utf8ByteOutput();
        engine.render(view.template(), Map.of("page", page, "view", view), output);
        return output.toByteArray();
    }
}
