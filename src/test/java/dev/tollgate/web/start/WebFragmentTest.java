package dev.tollgate.web.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** What the jar's {@code META-INF/web-fragment.xml} declares for the application that drops it in. */
class WebFragmentTest {

    @Test
    void keepsTheApplicationDistributable() throws Exception {
        // Servlet 6.0, 8.2.3: an application is distributable only if its web.xml and all its fragments are marked
        // so; a fragment without it turns session replication off for the whole application (Payara logs "Invalid
        // Session Management Configuration for non-distributable app" and keeps sessions in memory)
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document fragment;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/web-fragment.xml")) {
            assertNotNull(in, "the jar's web-fragment.xml");
            fragment = factory.newDocumentBuilder().parse(in);
        }

        assertEquals(1, fragment.getElementsByTagNameNS("https://jakarta.ee/xml/ns/jakartaee", "distributable")
                .getLength(), "<distributable/> in the fragment");
    }
}
