-- Device approval: whether a node takes part in the tailnet (APPROVED, PENDING, REFUSED; every node registered
-- before approval existed is approved), and whether a pre-auth key's nodes are approved at once.
ALTER TABLE inv_node ADD COLUMN approval VARCHAR(16) DEFAULT 'APPROVED' NOT NULL;
ALTER TABLE inv_preauth_key ADD COLUMN pre_approved BOOLEAN DEFAULT FALSE NOT NULL;
