-- pg_migrate_audit_view.sql: migrate_audit_view.sql in PostgreSQL's dialect (version 3).
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_actor ON audit(actor, seq);
CREATE INDEX audit_object ON audit(object, seq);
