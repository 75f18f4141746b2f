-- Schema version 2: the organisation an inspection belongs to (whose office runs it) and the
-- full-text index of measures for the web's search (FTS5 with the trigram tokenizer, which
-- needs no word segmentation for Chinese). Run after schema.sql on a new database and on
-- version-1 databases alike.

ALTER TABLE inspection ADD COLUMN org_unit_id INTEGER REFERENCES unit(id);
CREATE INDEX inspection_org ON inspection(org_unit_id);

CREATE VIRTUAL TABLE measure_fts USING fts5(title, body, content='measure', content_rowid='id',
                                            tokenize='trigram');
CREATE TRIGGER measure_fts_insert AFTER INSERT ON measure BEGIN
  INSERT INTO measure_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER measure_fts_delete AFTER DELETE ON measure BEGIN
  INSERT INTO measure_fts(measure_fts, rowid, title, body)
  VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER measure_fts_update AFTER UPDATE OF title, body ON measure BEGIN
  INSERT INTO measure_fts(measure_fts, rowid, title, body)
  VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO measure_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
INSERT INTO measure_fts(measure_fts) VALUES ('rebuild');

CREATE INDEX session_user ON session(user_id);
