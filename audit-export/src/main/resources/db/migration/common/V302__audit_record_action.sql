-- The reports ask for the last record of an action per target (each node's last key rotation, last client report):
-- this index answers that without reading the whole trail.
CREATE INDEX audit_record_action_target ON audit_record (action, target_id, position);
