-- The first-factor throttle (tollgate.loginThrottle.*): failed passwords of Tollgate's own sign-in
-- (POST <basePath>/api/login and <basePath>/login), counted per account, per client address and per pair of both, in
-- the database so that every server of a cluster sees the same counts. The key is a SHA-256 of what is counted, so
-- that neither a typed user name (sometimes a password typed into the wrong field) nor an address is stored.
-- Portable like V1: PostgreSQL 15, H2 2.2, Derby.

CREATE TABLE tollgate_first_factor_throttle (
    throttle_key    VARCHAR(64) NOT NULL,
    failures        INTEGER     NOT NULL,
    last_failure_at TIMESTAMP,
    last_success_at TIMESTAMP,
    PRIMARY KEY (throttle_key)
);
