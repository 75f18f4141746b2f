-- The auditor's filters on the audit log (web/page_audit.c): a date range becomes a range of
-- sequence numbers through the index on the time (entries are appended in time order), and
-- the actor and object filters walk their own entries newest first.
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_actor ON audit(actor, seq);
CREATE INDEX audit_object ON audit(object, seq);
