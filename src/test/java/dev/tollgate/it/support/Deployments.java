package dev.tollgate.it.support;

import java.io.File;
import java.util.Map;
import java.util.Objects;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds test applications the way an integrator would: their own classes and {@code web.xml}, plus the Tollgate jar
 * (exactly what the build packaged, from {@code target/classes}) and its runtime libraries in {@code WEB-INF/lib}.
 */
public final class Deployments {

    /** A fixed test key ring: tests only; a real deployment makes its own with {@code KeyRing}'s main method. */
    public static final String TEST_KEYS = "it-2026:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    /** The password of every file-realm user the boot command file creates. */
    public static final String PASSWORD = "correct-horse-battery";

    /**
     * The classic legacy login, for {@link #webXml}: {@code web.xml} FORM posting to {@code j_security_check} against
     * the server's file realm, with the roles the test applications use. Its pages come from {@link #formLoginPages()}.
     */
    public static final String FORM_REALM_LOGIN = """
              <login-config>
                <auth-method>FORM</auth-method>
                <realm-name>file</realm-name>
                <form-login-config>
                  <form-login-page>/login.html</form-login-page>
                  <form-error-page>/error.html</form-error-page>
                </form-login-config>
              </login-config>
              <security-role><role-name>staff</role-name></security-role>
              <security-role><role-name>admin</role-name></security-role>
            """;

    private Deployments() {
    }

    /**
     * Returns the sign-in and error pages of {@link #FORM_REALM_LOGIN}, to merge into a test application.
     *
     * @return an archive with {@code login.html} and {@code error.html}
     */
    public static WebArchive formLoginPages() {
        return ShrinkWrap.create(WebArchive.class, "form-login-pages.war")
                .addAsWebResource(new File("src/test/resources/it/login.html"), "login.html")
                .addAsWebResource(new File("src/test/resources/it/error.html"), "error.html");
    }

    /**
     * Returns a WAR with Tollgate dropped in.
     *
     * @param name the archive name, which is also the context root
     * @return the WAR, to which the test adds its application
     */
    public static WebArchive withTollgate(String name) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war").addAsLibrary(tollgateJar());
        File[] libs = new File(property("tollgate.libs")).listFiles((dir, file) -> file.endsWith(".jar"));
        for (File lib : Objects.requireNonNull(libs, "no runtime libraries; run through Maven's verify phase")) {
            war.addAsLibrary(lib);
        }
        return war;
    }

    private static JavaArchive tollgateJar() {
        return ShrinkWrap.create(ExplodedImporter.class, "tollgate.jar")
                .importDirectory(property("tollgate.classes"))
                .as(JavaArchive.class);
    }

    /**
     * Writes a {@code web.xml} with Tollgate's context parameters and the application's own descriptor elements.
     *
     * @param parameters Tollgate's context parameters besides the encryption key
     * @param body       the application's elements: constraints, login-config, roles
     * @return the descriptor's text
     */
    public static String webXml(Map<String, String> parameters, String body) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                """);
        param(xml, "tollgate.encryptionKeys", TEST_KEYS);
        parameters.forEach((key, value) -> param(xml, key, value));
        xml.append(body).append("\n</web-app>\n");
        return xml.toString();
    }

    private static void param(StringBuilder xml, String name, String value) {
        xml.append("  <context-param><param-name>").append(name).append("</param-name><param-value>")
                .append(value).append("</param-value></context-param>\n");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set; run the in-container tests through Maven (mvn verify)");
        }
        return value;
    }
}
