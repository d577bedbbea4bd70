-- The limits of a login transaction that must hold across servers (issue: several servers): the attempts at its
-- second factor, and the single use of a security key's challenge. Kept in the HTTP session, they would travel with
-- each replicated copy of it, and a client alternating between servers could spend each copy's allowance. One row per
-- transaction or challenge, keyed by a SHA-256 of what it counts (the database never holds a usable transaction id),
-- removed once expired. Portable like V1: PostgreSQL 15, H2 2.2, Derby.

CREATE TABLE tollgate_transaction_use (
    use_key    VARCHAR(64) NOT NULL,
    uses       INTEGER     NOT NULL,
    expires_at TIMESTAMP   NOT NULL,
    PRIMARY KEY (use_key)
);
CREATE INDEX tollgate_transaction_use_expiry ON tollgate_transaction_use (expires_at);
