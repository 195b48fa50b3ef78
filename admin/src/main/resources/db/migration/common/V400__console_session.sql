-- The web console's sessions. Only a SHA-256 hash of the browser's token is kept, so the table cannot be used to log
-- in. Not events: a session is a login's state, not a change of the tailnet; rows past their expiry are deleted lazily.
CREATE TABLE console_session (
    token_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
    method        VARCHAR(16)  NOT NULL,
    identity_id   VARCHAR(255) NOT NULL, -- the API key's prefix, or the person's provider identifier (iss/sub)
    user_name     VARCHAR(255) NOT NULL,
    roles         VARCHAR(255) NOT NULL,
    csrf_token    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_session_last_used ON console_session (last_used_at);
