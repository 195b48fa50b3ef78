-- Who a user is at the identity provider: Headscale's provider_identifier (<issuer>/<subject>), null for a user
-- made here; and the user's groups there (a JSON array of the provider's names, e.g. ["/ops","/ops/oncall"]).
ALTER TABLE inv_user ADD COLUMN provider_identifier VARCHAR(1024);
ALTER TABLE inv_user ADD COLUMN idp_groups VARCHAR(100000) DEFAULT '[]' NOT NULL;
CREATE INDEX inv_user_provider_identifier ON inv_user (provider_identifier);
