-- One row per user whose sessions follow changes to the account (issue: sessions follow factor changes).
-- changes counts every factor added, removed or reset; removals counts removals and resets. A session remembers the
-- pair it saw and is re-evaluated when the row moves on, on this server or on another that shares the database.
CREATE TABLE tollgate_account_stamp (
    username VARCHAR(255) NOT NULL,
    changes  BIGINT       NOT NULL,
    removals BIGINT       NOT NULL,
    PRIMARY KEY (username)
);
