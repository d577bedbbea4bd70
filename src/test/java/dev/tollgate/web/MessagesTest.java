package dev.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.web.view.LoginView;
import dev.tollgate.web.view.PageContext;
import dev.tollgate.web.view.Templates;
import dev.tollgate.web.view.Texts;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every page text exists in every shipped language and is a valid MessageFormat pattern. */
class MessagesTest {

    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle(Page.BUNDLE, Locale.ROOT);
    private static final ResourceBundle GERMAN = Page.bundle(Locale.GERMANY);

    @Test
    void germanHasEveryKeyOfEnglish() {
        Set<String> english = ENGLISH.keySet();
        for (String key : english) {
            assertTrue(GERMAN.getString(key) != null && !GERMAN.getString(key).equals(ENGLISH.getString(key))
                    || key.equals("code.label"), "untranslated: " + key);
        }
        assertEquals(english, GERMAN.keySet());
    }

    @Test
    void everyTextIsAValidPattern() {
        for (ResourceBundle bundle : new ResourceBundle[] {ENGLISH, GERMAN}) {
            for (String key : bundle.keySet()) {
                String formatted = MessageFormat.format(bundle.getString(key), 3, "x");
                assertTrue(!formatted.contains("''"), key + " quotes wrongly: " + formatted);
            }
        }
    }

    /**
     * MessageFormat takes a single apostrophe as the start of quoted text: "Can't scan" comes out as "Cant scan", and
     * a placeholder after it is printed as is. The bundles write every apostrophe doubled.
     */
    @Test
    void everyApostropheIsDoubled() {
        Map.of("English", ENGLISH, "German", GERMAN).forEach((language, bundle) -> {
            for (String key : bundle.keySet()) {
                String pattern = bundle.getString(key);
                assertFalse(pattern.replace("''", "").contains("'"), language + " " + key
                        + " has a lone apostrophe, which swallows text: " + pattern + " -> "
                        + MessageFormat.format(pattern, 3, "x"));
            }
        });
    }

    @Test
    void choosesTheRequestLanguageAndFallsBackToEnglish() {
        assertEquals("Code eingeben", Page.bundle(Locale.GERMAN).getString("title.challenge"));
        assertEquals("Enter your code", Page.bundle(Locale.FRENCH).getString("title.challenge"));
        assertEquals("Enter your code", Page.bundle(null).getString("title.challenge"));
    }

    @Test
    void anApplicationsBundleOnTheContextClassLoaderTranslatesAndRewordsThePages(@TempDir Path classes)
            throws IOException {
        Path bundle = classes.resolve("dev/tollgate/web/messages_fr.properties");
        Files.createDirectories(bundle.getParent());
        Files.writeString(bundle, "title.login=Connexion\nbutton.signin=Se connecter\n", StandardCharsets.UTF_8);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader application = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                MessagesTest.class.getClassLoader())) {
            thread.setContextClassLoader(application);
            Texts french = new Texts(Page.bundle(Locale.FRANCE));
            String html = new String(Templates.precompiled().render(new PageContext(french, "", "/mfa", "Shop",
                    () -> "token"), new LoginView(null, null)), StandardCharsets.UTF_8);
            assertTrue(html.contains("<html lang=\"fr\">"), html);
            assertTrue(html.contains("<h1>Connexion</h1>"), html);
            assertTrue(html.contains("id=\"signin\">Se connecter</button>"), html);
            assertTrue(html.contains("<label for=\"username\">User name</label>"), "the rest in English: " + html);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
