package dev.tollgate.web.view;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * The pages' texts in one language: {@link MessageFormat} patterns of a resource bundle, formatted with their
 * arguments. The result is plain text; the templates escape it for where it stands.
 */
public final class Texts {

    private final ResourceBundle bundle;

    /** Texts from {@code bundle}, which the caller looked up for the request's language. */
    public Texts(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /** The text of {@code key}, formatted with {@code arguments}. */
    public String get(String key, Object... arguments) {
        return MessageFormat.format(bundle.getString(key), arguments);
    }

    /** The text of a message. */
    public String get(Message message) {
        return get(message.key(), message.arguments().toArray());
    }

    /** The language of the texts found, for {@code <html lang>}: English where the bundle is the root one. */
    public String language() {
        // a bundle made without ResourceBundle.getBundle has no locale
        String language = bundle.getLocale() == null ? "" : bundle.getLocale().getLanguage();
        return language.isEmpty() ? "en" : language;
    }
}
