package dev.tollgate.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import dev.tollgate.TollgateException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one unit of work in its own resource-local transaction, and turns every database failure into a
 * {@link StoreUnavailableException}: callers fail closed, and nothing is half-written.
 */
final class Transactions {

    private final EntityManagerFactory factory;

    Transactions(EntityManagerFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    <T> T run(String operation, Function<EntityManager, T> work) {
        EntityManager em;
        try {
            em = factory.createEntityManager();
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(operation, e);
        }
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(em);
            transaction.commit();
            return result;
        } catch (TollgateException e) {
            throw e;
        } catch (RuntimeException e) {
            // not only PersistenceException: EclipseLink reports a lost connection as its own DatabaseException
            throw new StoreUnavailableException(operation, e);
        } finally {
            try {
                if (transaction.isActive()) {
                    transaction.rollback();
                }
            } catch (RuntimeException ignored) {
                // the connection is gone; the database rolls the transaction back itself
            }
            try {
                em.close();
            } catch (RuntimeException ignored) {
                // nothing more to release
            }
        }
    }

    /**
     * Creates a row keyed by user name unless it exists, for the counters that conditional updates then change. Two
     * requests may both find no row; the second insert fails on the key and is ignored, and a database that really
     * failed is reported by the statement that follows.
     */
    <E> void insertIfAbsent(String what, Class<E> type, String username, Supplier<E> row) {
        if (run("reading " + what, em -> em.find(type, username) != null)) {
            return;
        }
        try {
            run("creating " + what, em -> {
                em.persist(row.get());
                return null;
            });
        } catch (StoreUnavailableException insertedConcurrently) {
            // see above: the row exists now, or the next statement says why not
        }
    }
}
