-- The inventory read model: current users, nodes, keys and policy, maintained from events in the
-- same transaction as the events themselves and rebuildable from the event store.
CREATE TABLE inv_user (
    id           BIGINT       NOT NULL PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    display_name VARCHAR(255),
    email        VARCHAR(255),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX inv_user_name ON inv_user (name);

CREATE TABLE inv_node (
    id                BIGINT       NOT NULL PRIMARY KEY,
    machine_key       VARCHAR(80)  NOT NULL,
    node_key          VARCHAR(80)  NOT NULL,
    user_id           BIGINT,
    tags              VARCHAR(4000) NOT NULL,
    hostname          VARCHAR(255) NOT NULL,
    given_name        VARCHAR(63)  NOT NULL,
    ipv4              VARCHAR(64),
    ipv6              VARCHAR(64),
    expiry            TIMESTAMP WITH TIME ZONE,
    ephemeral         BOOLEAN      NOT NULL,
    pre_auth_key_id   BIGINT,
    register_method   VARCHAR(16)  NOT NULL,
    advertised_routes VARCHAR(4000) NOT NULL,
    approved_routes   VARCHAR(4000) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX inv_node_user ON inv_node (user_id);
CREATE UNIQUE INDEX inv_node_machine_key ON inv_node (machine_key);
CREATE UNIQUE INDEX inv_node_node_key ON inv_node (node_key);

CREATE TABLE inv_preauth_key (
    id          BIGINT       NOT NULL PRIMARY KEY,
    user_id     BIGINT       NOT NULL,
    prefix      VARCHAR(64)  NOT NULL,
    secret_hash VARCHAR(128) NOT NULL,
    reusable    BOOLEAN      NOT NULL,
    ephemeral   BOOLEAN      NOT NULL,
    used        BOOLEAN      NOT NULL,
    expiration  TIMESTAMP WITH TIME ZONE NOT NULL,
    acl_tags    VARCHAR(4000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX inv_preauth_key_prefix ON inv_preauth_key (prefix);

CREATE TABLE inv_api_key (
    id          BIGINT       NOT NULL PRIMARY KEY,
    prefix      VARCHAR(64)  NOT NULL,
    secret_hash VARCHAR(128) NOT NULL,
    expiration  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX inv_api_key_prefix ON inv_api_key (prefix);

CREATE TABLE inv_policy (
    id         INTEGER      NOT NULL PRIMARY KEY,
    version    BIGINT       NOT NULL,
    text       VARCHAR(1048576) NOT NULL,
    sha256     VARCHAR(64)  NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
