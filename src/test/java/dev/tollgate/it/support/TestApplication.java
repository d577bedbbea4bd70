package dev.tollgate.it.support;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.Note;
import dev.tollgate.it.apps.NotesServlet;
import dev.tollgate.it.apps.PlainText;
import dev.tollgate.it.apps.Whoami;
import dev.tollgate.it.apps.WhoamiServlet;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the deployment of an in-container test the way an integrator builds an application: its own classes and
 * {@code web.xml}, plus the Tollgate jar (exactly what the build packaged, from {@code target/classes}) and its runtime
 * libraries in {@code WEB-INF/lib}.
 *
 * <pre>{@code
 * @Deployment(testable = false)
 * static WebArchive deployment() {
 *     return TestApplication.named("formrealm")
 *             .setting("tollgate.policy", "required")
 *             .formRealmLogin()
 *             .build();
 * }
 * }</pre>
 *
 * <p>Every application has the {@link Whoami} pages ({@code /secure/whoami}, {@code /admin/panel},
 * {@code /public/info}, {@code /open/whoami}), declares the roles {@code staff} and {@code admin}, and lets only
 * {@code staff} into {@code /secure/*}.
 */
public final class TestApplication {

    /** A fixed test key ring: tests only; a real deployment makes its own with {@code KeyRing}'s main method. */
    private static final String TEST_KEYS = "it-2026:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    /** The JNDI name of {@link #fileDatabase}'s data source; {@code TablesServlet} looks it up by this name. */
    public static final String FILE_DATA_SOURCE = "java:app/jdbc/file";

    private static final String RESOURCES = "src/test/resources/it/";

    private final String name;
    private final WebArchive war;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final StringBuilder descriptor = new StringBuilder();
    private final Set<String> roles = new LinkedHashSet<>(List.of("staff", "admin"));
    private final Map<String, List<String>> constraints = new LinkedHashMap<>();

    private TestApplication(String name, boolean withTollgate) {
        this.name = name;
        this.war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(Whoami.class, WhoamiServlet.class, PlainText.class);
        protect("staff", "/secure/*");
        if (!withTollgate) {
            return;
        }
        war.addAsLibrary(tollgateJar());
        File[] libs = new File(property("tollgate.libs")).listFiles((dir, file) -> file.endsWith(".jar"));
        for (File lib : Objects.requireNonNull(libs, "no runtime libraries; run through Maven's verify phase")) {
            war.addAsLibrary(lib);
        }
    }

    /**
     * Starts an application with Tollgate dropped in.
     *
     * @param name the archive name, which is also the context root
     * @return the builder
     */
    public static TestApplication named(String name) {
        return new TestApplication(name, true);
    }

    /**
     * Starts the same kind of application without Tollgate: what the server does with the application alone, to tell
     * a limitation of the server from one of Tollgate's (Tollgate's settings, if any are given, are then unread).
     *
     * @param name the archive name, which is also the context root
     * @return the builder
     */
    public static TestApplication withoutTollgate(String name) {
        return new TestApplication(name, false);
    }

    /**
     * Fails the test when the application the test talks to is not the one deployed (Arquillian gives a default URL
     * when a deployment failed).
     *
     * @param base the URL Arquillian injected
     * @param name the archive name given to {@link #named}
     */
    public static void assertDeployed(URL base, String name) {
        assertTrue(base.getPath().endsWith("/" + name + "/"), "the deployment failed: see the server log " + base);
    }

    /**
     * Returns the URL of the deployment, and fails the test when the application is not deployed. Arquillian's URL
     * is taken when it names the application; otherwise the application is asked for at its context root on the same
     * server: Payara Micro's Arquillian container now and then reads the server's start-up output before the list of
     * deployed applications and gives the server's root for an application that did deploy (seen on Payara Micro 7),
     * and an application that answers at its context root is deployed whatever the container read.
     *
     * @param base the URL Arquillian injected
     * @param name the archive name given to {@link #named}
     * @return the application's URL, ending with its context root and a slash
     */
    public static URL deployedUrl(URL base, String name) {
        if (base.getPath().endsWith("/" + name + "/")) {
            return base;
        }
        URL application;
        int status;
        try {
            application = base.toURI().resolve("/" + name + "/").toURL();
            // every test application has WhoamiServlet's unprotected page; a server without the application has
            // nothing there (whatever a held session or a policy might answer, it is not a 404)
            HttpURLConnection probe = (HttpURLConnection) new URL(application, "public/info").openConnection();
            probe.setInstanceFollowRedirects(false);
            status = probe.getResponseCode();
            probe.disconnect();
        } catch (IOException | URISyntaxException e) {
            throw new AssertionError("the deployment failed: see the server log " + base, e);
        }
        assertNotEquals(404, status, "the deployment failed: see the server log " + base);
        return application;
    }

    /** Adds the application's own classes. */
    public TestApplication classes(Class<?>... classes) {
        war.addClasses(classes);
        return this;
    }

    /** Sets one of Tollgate's context parameters (the encryption key is always set). */
    public TestApplication setting(String parameter, String value) {
        settings.put(parameter, value);
        return this;
    }

    /**
     * Adds to the security constraints: the paths require the role ({@code /secure/*} requires {@code staff} in every
     * application).
     *
     * @param role         the role
     * @param urlPatterns  the protected URL patterns
     * @return this builder
     */
    public TestApplication protect(String role, String... urlPatterns) {
        roles.add(role);
        constraints.computeIfAbsent(role, any -> new ArrayList<>()).addAll(List.of(urlPatterns));
        return this;
    }

    /** Declares a role besides {@code staff} and {@code admin}, for a setting or the application to check. */
    public TestApplication role(String role) {
        roles.add(role);
        return this;
    }

    /**
     * The classic legacy login: {@code web.xml} FORM posting to {@code j_security_check} against the server's file
     * realm (its users come from {@code src/test/payara/users.pw}), with {@code login.html} and {@code error.html}.
     */
    public TestApplication formRealmLogin() {
        descriptor.append("""
                  <login-config>
                    <auth-method>FORM</auth-method>
                    <realm-name>file</realm-name>
                    <form-login-config>
                      <form-login-page>/login.html</form-login-page>
                      <form-error-page>/error.html</form-error-page>
                    </form-login-config>
                  </login-config>
                """);
        return pages("login.html", "error.html");
    }

    /** An API's login: {@code web.xml} BASIC against the server's file realm. */
    public TestApplication basicRealmLogin() {
        descriptor.append("""
                  <login-config>
                    <auth-method>BASIC</auth-method>
                    <realm-name>file</realm-name>
                  </login-config>
                """);
        return this;
    }

    /** Maps the Faces servlet to {@code *.xhtml}, for an application whose sign-in page is a Faces view. */
    public TestApplication facesServlet() {
        descriptor.append("""
                  <servlet>
                    <servlet-name>faces</servlet-name>
                    <servlet-class>jakarta.faces.webapp.FacesServlet</servlet-class>
                    <load-on-startup>1</load-on-startup>
                  </servlet>
                  <servlet-mapping><servlet-name>faces</servlet-name><url-pattern>*.xhtml</url-pattern></servlet-mapping>
                """);
        return this;
    }

    /** Declares the application's error page for the status codes given. */
    public TestApplication errorPage(String location, int... statusCodes) {
        for (int status : statusCodes) {
            descriptor.append("  <error-page><error-code>").append(status).append("</error-code><location>")
                    .append(location).append("</location></error-page>\n");
        }
        return this;
    }

    /** Adds static pages from {@code src/test/resources/it}. */
    public TestApplication pages(String... names) {
        for (String page : names) {
            war.addAsWebResource(new File(RESOURCES + page), page);
        }
        return this;
    }

    /** The application's own persistence unit and {@code POST /secure/notes}, which writes to it. */
    public TestApplication notes() {
        war.addClasses(Note.class, NotesServlet.class)
                .addAsResource(new File(RESOURCES + "notes-persistence.xml"), "META-INF/persistence.xml");
        return this;
    }

    /** Makes the application a CDI bean archive of all its classes. */
    public TestApplication beans() {
        war.addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        return this;
    }

    /**
     * Keeps Tollgate's tables in an H2 file database of the application's own ({@link #FILE_DATA_SOURCE}), which
     * outlives a restart of the server and which a test can take away. Creates the database now, empty: the server
     * may only open it, never create it, so that a missing file looks like a lost database.
     *
     * @param database the database's path without H2's {@code .mv.db} suffix; its folder is emptied
     * @return this builder
     */
    public TestApplication fileDatabase(Path database) {
        createEmpty(database);
        war.addAsLibrary(h2Jar());
        settings.put("tollgate.dataSource", FILE_DATA_SOURCE);
        descriptor.append("""
                  <data-source>
                    <name>%s</name>
                    <class-name>org.h2.jdbcx.JdbcDataSource</class-name>
                    <url>jdbc:h2:file:%s;IFEXISTS=TRUE</url>
                    <property><name>fish.payara.is-connection-validation-required</name><value>true</value></property>
                    <property><name>fish.payara.connection-validation-method</name><value>meta-data</value></property>
                    <property><name>fish.payara.fail-all-connections</name><value>true</value></property>
                  </data-source>
                """.formatted(FILE_DATA_SOURCE, database));
        return this;
    }

    /** Returns the archive, with a {@code web.xml} of the settings, constraints, login and roles given. */
    public WebArchive build() {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                """);
        parameter(xml, "tollgate.encryptionKeys", TEST_KEYS);
        settings.forEach((key, value) -> parameter(xml, key, value));
        constraints.forEach((role, patterns) -> constraint(xml, role, patterns));
        xml.append(descriptor);
        roles.forEach(role -> xml.append("  <security-role><role-name>").append(role)
                .append("</role-name></security-role>\n"));
        xml.append("</web-app>\n");
        return war.setWebXML(new StringAsset(xml.toString()));
    }

    @Override
    public String toString() {
        return name;
    }

    private static void parameter(StringBuilder xml, String name, String value) {
        xml.append("  <context-param><param-name>").append(name).append("</param-name><param-value>")
                .append(value).append("</param-value></context-param>\n");
    }

    private static void constraint(StringBuilder xml, String role, List<String> urlPatterns) {
        xml.append("  <security-constraint>\n    <web-resource-collection><web-resource-name>").append(role)
                .append("</web-resource-name>\n");
        for (String pattern : urlPatterns) {
            xml.append("      <url-pattern>").append(pattern).append("</url-pattern>\n");
        }
        xml.append("    </web-resource-collection>\n    <auth-constraint><role-name>").append(role)
                .append("</role-name></auth-constraint>\n  </security-constraint>\n");
    }

    private static JavaArchive tollgateJar() {
        return ShrinkWrap.create(ExplodedImporter.class, "tollgate.jar")
                .importDirectory(property("tollgate.classes"))
                .as(JavaArchive.class);
    }

    private static File h2Jar() {
        try {
            return new File(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createEmpty(Path database) {
        Path dir = database.getParent();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(dir);
            try (Connection created = DriverManager.getConnection("jdbc:h2:file:" + database)) {
                created.createStatement().execute("SELECT 1");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + database, e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set; run the in-container tests through Maven (mvn verify)");
        }
        return value;
    }
}
