package dev.tollgate.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webauthn4j.verifier.exception.BadSignatureException;
import dev.tollgate.store.FactorStore;
import dev.tollgate.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The start-up decision whether security keys are offered: a library that cannot work is a warning, not a 500. */
class WebAuthnSupportTest {

    private final Logger logger = Logger.getLogger(WebAuthnSupport.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @BeforeEach
    void open() {
        logger.addHandler(capture);
    }

    @AfterEach
    void close() {
        logger.removeHandler(capture);
    }

    private WebAuthnFactors realCeremonies() {
        return new WebAuthnFactors(new FactorStore(database.persistenceUnit()), Clock.systemUTC(), new SecureRandom());
    }

    @Test
    void selfTestPassesWithTheLibraryOnTheClassPath() {
        realCeremonies().selfTest();
    }

    @Test
    void offersSecurityKeysWhenTheSelfTestPasses() {
        assertTrue(WebAuthnSupport.start(this::realCeremonies, "Expenses").isPresent());
        assertTrue(records.isEmpty());
    }

    @Test
    void offersNoSecurityKeysAfterALinkageErrorAndWarnsOnce() {
        // what Jackson 3 meeting the server's older jackson-annotations throws at its first use
        NoSuchMethodError clash = new NoSuchMethodError(
                "'com.fasterxml.jackson.annotation.JsonFormat$Shape com.fasterxml.jackson.annotation.JsonFormat$Value"
                        + ".getShape()'");
        assertTrue(WebAuthnSupport.start(failing(clash), "Expenses").isEmpty());
        assertEquals(1, records.size());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().contains("security keys are not offered in Expenses"));
        assertTrue(records.get(0).getMessage().contains("NoSuchMethodError"));
        assertTrue(records.get(0).getMessage().contains("Authenticator apps and recovery codes work"));
        assertInstanceOf(NoSuchMethodError.class, records.get(0).getThrown());
    }

    @Test
    void offersNoSecurityKeysWhenALibraryClassIsMissingOrFailsToInitialise() {
        assertTrue(WebAuthnSupport.start(failing(new NoClassDefFoundError("com/fasterxml/jackson/dataformat/cbor"
                + "/CBORFactory")), "Expenses").isEmpty());
        assertTrue(WebAuthnSupport.start(failing(new ExceptionInInitializerError("static init")), "Expenses")
                .isEmpty());
        assertEquals(2, records.size());
    }

    @Test
    void offersNoSecurityKeysWhenTheRecordedAnswersAreRefused() {
        assertTrue(WebAuthnSupport.start(failing(new BadSignatureException("signature")), "Expenses").isEmpty());
        assertEquals(1, records.size());
    }

    @Test
    void doesNotMistakeAnExhaustedServerForABrokenLibrary() {
        assertThrows(OutOfMemoryError.class, () -> WebAuthnSupport.start(failing(new OutOfMemoryError()), "Expenses"));
        assertTrue(records.isEmpty());
    }

    private static Supplier<WebAuthnFactors> failing(Throwable failure) {
        return () -> {
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        };
    }
}
