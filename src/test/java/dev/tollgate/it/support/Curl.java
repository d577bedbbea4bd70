package dev.tollgate.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Calls a test application with curl, a client the project did not write, from a chosen loopback address
 * ({@code --interface 127.0.0.x}: the whole 127/8 is the machine's own), so that a test can be several clients.
 *
 * <pre>{@code
 * Curl.Answer answer = new Curl(base, "127.0.0.2").postJson("mfa/api/login", "{\"username\":\"a\",\"password\":\"b\"}");
 * }</pre>
 */
public final class Curl {

    /**
     * One answer.
     *
     * @param status  the HTTP status
     * @param headers the headers, names in lower case
     * @param body    the body
     */
    public record Answer(int status, Map<String, String> headers, String body) {

        /** Returns a header's value. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final ExternalTool curl = ExternalTool.require("curl", "curl");
    private final URL base;
    private final String address;
    private final String cookies;

    /**
     * @param base    the application's URL, ending with a slash
     * @param address the loopback address to call from, such as {@code 127.0.0.2}
     */
    public Curl(URL base, String address) {
        this.base = base;
        this.address = address;
        try {
            Path jar = Files.createTempFile("curl-cookies", ".txt");
            jar.toFile().deleteOnExit();
            this.cookies = jar.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gets a page, keeping the session's cookie for the next calls. */
    public Answer get(String path) {
        return answer(curl.run("-s", "-i", "--interface", address, "-b", cookies, "-c", cookies, base + path));
    }

    /** Posts JSON, as an API client does. */
    public Answer postJson(String path, String json) {
        return answer(curl.run("-s", "-i", "--interface", address, "-b", cookies, "-c", cookies,
                "-H", "Content-Type: application/json", "--data-binary", json, base + path));
    }

    /** Posts a form, as a browser does from a page of the application. */
    public Answer postForm(String path, Map<String, String> form) {
        List<String> command = new ArrayList<>(List.of("-s", "-i", "--interface", address, "-b", cookies, "-c",
                cookies, "-H", "Origin: " + base.getProtocol() + "://" + base.getAuthority()));
        form.forEach((name, value) -> {
            command.add("--data-urlencode");
            command.add(name + "=" + value);
        });
        command.add(base + path);
        return answer(curl.run(command.toArray(String[]::new)));
    }

    private static Answer answer(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        // the tool's output comes trimmed: an answer without a body (WildFly's redirects) loses its blank line
        String head = end < 0 ? raw : raw.substring(0, end);
        assertTrue(head.startsWith("HTTP/"), "no HTTP answer: " + raw);
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, end < 0 ? "" : raw.substring(end + 4));
    }
}
