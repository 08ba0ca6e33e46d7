-- Accounts: sign-in sessions are ended everywhere by bumping the epoch they were started under
-- (signing out everywhere, a new password, a disabled account).
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
-- The last authenticator time step accepted, so a code cannot be used twice.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

-- One-time links sent by email. Only a SHA-256 of the token is kept, so a copy of the database
-- cannot be used to take over accounts.
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);

-- Sign-in, sign-up and reset attempts, per IP address and per account, for throttling. Kept in the
-- database so every app instance counts the same attempts.
CREATE TABLE auth_attempts (
    id        INTEGER PRIMARY KEY,
    scope     TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('login', 'signup', 'reset')),
    succeeded INTEGER NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX auth_attempts_scope ON auth_attempts (scope, action, at);

-- Mail waiting to be sent. Whatever caused a mail commits with its row here; sending happens later,
-- so a mail server that is down never loses or rolls back an edit.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

-- Sign-in sessions, in the layout tower-sessions' SQLite store reads and writes.
CREATE TABLE sessions (
    id          TEXT PRIMARY KEY NOT NULL,
    data        BLOB NOT NULL,
    expiry_date INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry_date);
