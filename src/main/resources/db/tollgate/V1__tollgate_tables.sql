-- Tollgate's tables as its first release has them: the same names, types, keys and indexes that EclipseLink's
-- create-or-extend-tables makes from the entities in dev.tollgate.store, so that a database made that way is
-- baselined at this version and one made by this script is indistinguishable from it.
--
-- Portable on purpose (VARCHAR, INTEGER, BIGINT, TIMESTAMP, unnamed primary keys): tested on PostgreSQL 15 and
-- H2 2.2, and written for Derby too. A DBA who sets tollgate.schemaGeneration=none runs it, and every later V<n> file of
-- this folder in order, by hand.

CREATE TABLE tollgate_factor (
    id                 VARCHAR(36)   NOT NULL,
    username           VARCHAR(255)  NOT NULL,
    factor_type        VARCHAR(16)   NOT NULL,
    label              VARCHAR(100)  NOT NULL,
    secret_ciphertext  VARCHAR(512),
    algorithm          VARCHAR(10),
    digits             INTEGER,
    period_seconds     INTEGER,
    confirmed_at       TIMESTAMP,
    created_at         TIMESTAMP     NOT NULL,
    last_used_at       TIMESTAMP,
    last_accepted_step BIGINT,
    credential_id      VARCHAR(1400),
    public_key         VARCHAR(4000),
    sign_count         BIGINT,
    transports         VARCHAR(100),
    aaguid             VARCHAR(36),
    user_handle        VARCHAR(100),
    row_version        BIGINT        NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX tollgate_factor_username ON tollgate_factor (username);

CREATE TABLE tollgate_recovery_code (
    id         VARCHAR(36)  NOT NULL,
    username   VARCHAR(255) NOT NULL,
    code_hash  VARCHAR(128) NOT NULL,
    created_at TIMESTAMP    NOT NULL,
    used_at    TIMESTAMP,
    PRIMARY KEY (id)
);
CREATE INDEX tollgate_recovery_code_username ON tollgate_recovery_code (username);

CREATE TABLE tollgate_account_lock (
    username             VARCHAR(255) NOT NULL,
    consecutive_failures INTEGER      NOT NULL,
    lockouts             INTEGER      NOT NULL,
    locked_until         TIMESTAMP,
    PRIMARY KEY (username)
);

CREATE TABLE tollgate_preference (
    username         VARCHAR(255) NOT NULL,
    opted_out_at     TIMESTAMP,
    grace_started_at TIMESTAMP,
    grace_sign_ins   INTEGER      NOT NULL,
    grace_ended_at   TIMESTAMP,
    PRIMARY KEY (username)
);
