package dev.tollgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One user's choices about enrolment, as a row of {@code tollgate_preference}: whether they opted out of being asked
 * to set up a second factor, and how much of the grace period of a {@code required} rollout they used. In the
 * database rather than the session, so that the choice holds at the next sign-in and on every server.
 *
 * <p>Timestamps rather than booleans: EclipseLink writes boolean literals of bulk updates as 1 and 0, which H2 2 and
 * PostgreSQL refuse (see {@link FactorEntity}).
 */
@Entity
@Table(name = "tollgate_preference")
public class PreferenceEntity {

    @Id
    @Column(name = "username", length = 255, nullable = false, updatable = false)
    private String username;

    /** When the user chose "don't ask me again", or null. */
    @Column(name = "opted_out_at")
    private Instant optedOutAt;

    /** The first sign-in without a factor under a policy that requires one, or null. */
    @Column(name = "grace_started_at")
    private Instant graceStartedAt;

    /** Sign-ins let through without a factor during the grace period. */
    @Column(name = "grace_sign_ins", nullable = false)
    private int graceSignIns;

    /** When the grace period was ended early (an administrator's reset), or null. */
    @Column(name = "grace_ended_at")
    private Instant graceEndedAt;

    /** For JPA. */
    protected PreferenceEntity() {
    }

    PreferenceEntity(String username) {
        this.username = username;
    }

    PreferenceEntity(String username, Instant graceEndedAt) {
        this.username = username;
        this.graceEndedAt = graceEndedAt;
    }

    EnrolmentPreference toRecord() {
        return new EnrolmentPreference(username, optedOutAt, graceStartedAt, graceSignIns, graceEndedAt);
    }
}
