-- Interactive logins waiting for a person (OIDC) or an administrator (auth register), in the database every
-- instance shares, so that a login begun on one instance completes on another or after a restart. A row is
-- deleted when the client's follow-up got its answer, or when it is abandoned (30 minutes after it was opened).
-- outcome: null while undecided, 'deciding' while one instance carries out a decision, then 'registered'
-- (outcome_node_id) or 'refused' (outcome_reason).
CREATE TABLE pending_login (
    auth_id          VARCHAR(64)    NOT NULL PRIMARY KEY,
    machine_key      VARCHAR(128)   NOT NULL,
    register_request VARCHAR(65536) NOT NULL,
    remote_address   VARCHAR(64),
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome          VARCHAR(16),
    outcome_node_id  BIGINT,
    outcome_reason   VARCHAR(1024),
    decided_at       TIMESTAMP WITH TIME ZONE
);

-- One trip of a person's browser through the identity provider: the random state it carries there and back (the
-- key), the nonce the ID token must repeat, the PKCE verifier when PKCE is on, and what the trip is for
-- (purpose 'register' with the auth id as reference, or another part's purpose). Deleted when the callback uses
-- it, so a state (and with it the code it came back with) is good for one callback only.
CREATE TABLE login_attempt (
    state         VARCHAR(128)  NOT NULL PRIMARY KEY,
    nonce         VARCHAR(128)  NOT NULL,
    pkce_verifier VARCHAR(128),
    purpose       VARCHAR(32)   NOT NULL,
    reference     VARCHAR(255)  NOT NULL,
    opened_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_attempt_opened_at ON login_attempt (opened_at);
