-- The roles a user carries, as comma-separated role names: those an operator set (CLI or API) and those the
-- identity provider gave at the last login, kept apart so a login replaces only the provider's.
ALTER TABLE inv_user ADD COLUMN operator_roles VARCHAR(200) DEFAULT '' NOT NULL;
ALTER TABLE inv_user ADD COLUMN idp_roles VARCHAR(200) DEFAULT '' NOT NULL;
-- The role an API key's requests carry; null for a key with full access.
ALTER TABLE inv_api_key ADD COLUMN role VARCHAR(32);
