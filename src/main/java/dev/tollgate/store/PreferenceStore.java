package dev.tollgate.store;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes users' enrolment choices in {@code tollgate_preference}: the opt-out, and the grace period of a
 * {@code required} rollout.
 *
 * <p>A sign-in in the grace period is counted by a conditional update checked by its row count, so that of any
 * number of concurrent sign-ins exactly as many pass without a factor as the limit allows.
 */
public final class PreferenceStore {

    private final Transactions transactions;

    /**
     * Creates the store.
     *
     * @param factory Tollgate's entity manager factory, see {@link TollgatePersistence}
     */
    public PreferenceStore(EntityManagerFactory factory) {
        this.transactions = new Transactions(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Reads a user's choices.
     *
     * @param username the user
     * @return the stored choices, or {@link EnrolmentPreference#none} if there are none
     */
    public EnrolmentPreference find(String username) {
        return transactions.run("reading enrolment choices", em ->
                Optional.ofNullable(em.find(PreferenceEntity.class, username)).map(PreferenceEntity::toRecord)
                        .orElseGet(() -> EnrolmentPreference.none(username)));
    }

    /**
     * Records that the user does not want to be offered enrolment again.
     *
     * @param username the user
     * @param now      the time of the choice
     */
    public void optOut(String username, Instant now) {
        ensureRow(username);
        transactions.run("storing an opt-out", em -> em.createQuery(
                        "UPDATE PreferenceEntity p SET p.optedOutAt = :now WHERE p.username = :username"
                                + " AND p.optedOutAt IS NULL")
                .setParameter("now", now).setParameter("username", username).executeUpdate());
    }

    /**
     * Undoes an opt-out: the user is offered enrolment again at the next sign-in.
     *
     * @param username the user
     * @return true if the user had opted out
     */
    public boolean optIn(String username) {
        return transactions.run("removing an opt-out", em -> em.createQuery(
                        "UPDATE PreferenceEntity p SET p.optedOutAt = NULL WHERE p.username = :username"
                                + " AND p.optedOutAt IS NOT NULL")
                .setParameter("username", username).executeUpdate() == 1);
    }

    /**
     * Counts one sign-in without a factor in the grace period, if the period allows one more. The first such
     * sign-in starts the period.
     *
     * @param username    the user
     * @param now         the time of the sign-in
     * @param maxSignIns  sign-ins the period allows, or 0 for no limit by count
     * @param startedAfter the period holds only while it started after this instant, or null for no limit by time
     * @return the choices after counting, or empty if the grace period is over (nothing is counted then)
     */
    public Optional<EnrolmentPreference> countGraceSignIn(String username, Instant now, int maxSignIns,
            Instant startedAfter) {
        ensureRow(username);
        return transactions.run("counting a sign-in in the grace period", em -> {
            // the period starts at the first such sign-in; a separate statement, since EclipseLink does not convert
            // an Instant parameter inside COALESCE
            em.createQuery("UPDATE PreferenceEntity p SET p.graceStartedAt = :now WHERE p.username = :username"
                    + " AND p.graceStartedAt IS NULL").setParameter("now", now).setParameter("username", username)
                    .executeUpdate();
            StringBuilder jpql = new StringBuilder("UPDATE PreferenceEntity p SET p.graceSignIns = p.graceSignIns + 1"
                    + " WHERE p.username = :username AND p.graceEndedAt IS NULL");
            if (maxSignIns > 0) {
                jpql.append(" AND p.graceSignIns < :maxSignIns");
            }
            if (startedAfter != null) {
                jpql.append(" AND (p.graceStartedAt IS NULL OR p.graceStartedAt > :startedAfter)");
            }
            var update = em.createQuery(jpql.toString()).setParameter("username", username);
            if (maxSignIns > 0) {
                update.setParameter("maxSignIns", maxSignIns);
            }
            if (startedAfter != null) {
                update.setParameter("startedAfter", startedAfter);
            }
            if (update.executeUpdate() != 1) {
                return Optional.<EnrolmentPreference>empty();
            }
            TypedQuery<PreferenceEntity> read = em.createQuery(
                    "SELECT p FROM PreferenceEntity p WHERE p.username = :username", PreferenceEntity.class);
            return Optional.of(read.setParameter("username", username)
                    .setHint("jakarta.persistence.cache.retrieveMode", jakarta.persistence.CacheRetrieveMode.BYPASS)
                    .getSingleResult().toRecord());
        });
    }

    private void ensureRow(String username) {
        transactions.insertIfAbsent("enrolment choices", PreferenceEntity.class, username, () -> new PreferenceEntity(username));
    }
}
