package dev.tollgate.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs in through the Faces sign-in page of {@code dev.tollgate.it.apps.faces}: asks for the protected page, gets the
 * sign-in page, and submits the password through its form as a browser does: with every hidden field of the form,
 * whatever the Faces implementation puts there (Mojarra marks a submitted form by a field named after the form,
 * MyFaces by one named {@code <form>_SUBMIT}, and ignores a post without it), to the form's action.
 */
public final class FacesSignIn {

    private static final Pattern FORM = Pattern.compile("<form id=\"signin\"[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>",
            Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");

    private FacesSignIn() {
    }

    /**
     * Asks for {@code secure/whoami}, checks that the sign-in page came, and posts the user's password through it.
     *
     * @param client   the browser
     * @param base     the application's URL, ending with a slash
     * @param user     the user name
     * @param password the password
     * @return the answer to the form's post
     */
    public static HttpResponse<String> signIn(Client client, URL base, String user, String password) {
        HttpResponse<String> page = client.get("secure/whoami");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("login-page"), page.body());
        Matcher signin = FORM.matcher(page.body());
        assertTrue(signin.find(), "no sign-in form in " + page.body());
        Map<String, String> form = hiddenFields(signin.group(2));
        assertTrue(form.containsKey("jakarta.faces.ViewState"), "no view state in " + signin.group(2));
        form.put("signin:user", user);
        form.put("signin:pass", password);
        form.put("signin:go", "Sign in");
        String action = unescape(signin.group(1));
        String path = URI.create(action).getPath().substring(base.getPath().length());
        return client.postForm(path, form);
    }

    private static Map<String, String> hiddenFields(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form);
        while (input.find()) {
            String tag = input.group();
            if ("hidden".equals(attribute(tag, "type"))) {
                fields.put(unescape(attribute(tag, "name")), unescape(attribute(tag, "value")));
            }
        }
        return fields;
    }

    private static String attribute(String tag, String name) {
        Matcher value = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return value.find() ? value.group(1) : "";
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
