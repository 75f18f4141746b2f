-- schema.sql: the whole data model of SPEC §3, version 1. Applied by db_migrate when
-- PRAGMA user_version is 0; later versions add steps to db_migrate (db.c), never edit this text
-- for an existing version. STRICT tables, foreign keys on; dates are ISO 8601 text
-- ('2025-06-30'), times UTC ('2025-06-30T08:00:00Z'); money in fen (分) as integers.

CREATE TABLE unit (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  short_name  TEXT,
  kind        TEXT NOT NULL DEFAULT 'other'
              CHECK (kind IN ('party','government','street','soe','school','other')),
  parent_id   INTEGER REFERENCES unit(id)
) STRICT;
CREATE INDEX unit_parent ON unit(parent_id);

CREATE TABLE person (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  post        TEXT NOT NULL DEFAULT '',
  unit_id     INTEGER REFERENCES unit(id),
  UNIQUE (name, post)
) STRICT;

CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  login               TEXT NOT NULL UNIQUE,
  display_name        TEXT NOT NULL,
  unit_id             INTEGER REFERENCES unit(id),
  person_id           INTEGER REFERENCES person(id),
  password_hash       TEXT NOT NULL DEFAULT '',
  state               TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','locked','disabled')),
  failed_logins       INTEGER NOT NULL DEFAULT 0,
  locked_until        TEXT,
  last_login_at       TEXT,
  password_changed_at TEXT,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  created_at          TEXT NOT NULL
) STRICT;
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE user_role (
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('sysadmin','secadmin','auditor','office','leader',
                                            'unit','discipline','observer')),
  inspection_id INTEGER REFERENCES inspection(id),  -- NULL: all inspections
  PRIMARY KEY (user_id, role)
) STRICT;

CREATE TABLE session (
  id          TEXT PRIMARY KEY,          -- SHA-256 of the cookie value, hex
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  seen_at     TEXT NOT NULL
) STRICT;

CREATE TABLE api_token (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
) STRICT;

CREATE TABLE inspection (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL DEFAULT 'xuncha'
                  CHECK (kind IN ('xunshi','xuncha','audit','duchai','other')),
  title           TEXT NOT NULL,
  superior        TEXT NOT NULL DEFAULT '',  -- 省委 / 市委 / 区委
  group_name      TEXT NOT NULL DEFAULT '',  -- 省委第九巡视组
  target          TEXT NOT NULL DEFAULT '',  -- 湖里区委
  onsite_start    TEXT,
  onsite_end      TEXT,
  feedback_on     TEXT,
  concentrated_end TEXT,
  report_cycle    TEXT NOT NULL DEFAULT 'monthly'
                  CHECK (report_cycle IN ('weekly','semimonthly','monthly')),
  report_due_day  INTEGER NOT NULL DEFAULT 0, -- 0: the cycle's default (see ledger/light.c)
  warn_days       INTEGER NOT NULL DEFAULT 7,
  require_signoff INTEGER NOT NULL DEFAULT 0,  -- leader sign-off before closing
  state           TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('draft','active','closed')),
  contact_phone   TEXT NOT NULL DEFAULT '',
  contact_email   TEXT NOT NULL DEFAULT '',
  contact_address TEXT NOT NULL DEFAULT '',
  signer          TEXT NOT NULL DEFAULT '',
  published_on    TEXT,
  source_file     TEXT,
  source_sha256   TEXT UNIQUE,
  created_at      TEXT NOT NULL
) STRICT;

-- Headline figures stated by an imported document (measures_planned, mechanisms …).
CREATE TABLE inspection_figure (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  key           TEXT NOT NULL,
  value         TEXT NOT NULL,            -- decimal text: 279, 1.2, 3260.5
  PRIMARY KEY (inspection_id, key)
) STRICT;

-- Editable narrative blocks of the published report (组织整改落实情况, 下一步工作打算 …).
CREATE TABLE report_text (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  block         TEXT NOT NULL,
  body          TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (inspection_id, block)
) STRICT;

CREATE TABLE finding (
  id              INTEGER PRIMARY KEY,
  inspection_id   INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  parent_id       INTEGER REFERENCES finding(id) ON DELETE CASCADE,
  level           TEXT NOT NULL CHECK (level IN ('aspect','item','problem','subproblem')),
  ordinal         INTEGER NOT NULL,
  label           TEXT NOT NULL DEFAULT '',
  title           TEXT NOT NULL,
  body            TEXT NOT NULL DEFAULT '',
  status_override TEXT CHECK (status_override IN ('completed','basically_completed','uncompleted')),
  override_reason TEXT,
  line_first      INTEGER,
  line_last       INTEGER
) STRICT;
CREATE INDEX finding_inspection ON finding(inspection_id, parent_id, ordinal);

CREATE TABLE measure (
  id              INTEGER PRIMARY KEY,
  inspection_id   INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  finding_id      INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
  ordinal         INTEGER NOT NULL,
  label           TEXT NOT NULL DEFAULT '',
  title           TEXT NOT NULL,
  body            TEXT NOT NULL DEFAULT '',
  kind            TEXT NOT NULL DEFAULT 'dated' CHECK (kind IN ('immediate','dated','long_term')),
  target          TEXT NOT NULL DEFAULT '',
  deadline        TEXT,
  long_term       INTEGER NOT NULL DEFAULT 0,
  lead_unit_id    INTEGER REFERENCES unit(id),
  state           TEXT NOT NULL DEFAULT 'not_started'
                  CHECK (state IN ('not_started','in_progress','submitted','lead_approved',
                                   'signed_off','closed','phase_complete','returned','relapsed')),
  percent         INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  return_count    INTEGER NOT NULL DEFAULT 0,
  onsite_required INTEGER NOT NULL DEFAULT 0,
  evidence_waived TEXT,                     -- the office's reason, when it waived evidence
  closed_at       TEXT,
  revisit_due     TEXT,
  line_first      INTEGER,
  line_last       INTEGER,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX measure_inspection ON measure(inspection_id, state, deadline);
CREATE INDEX measure_finding ON measure(finding_id, ordinal);
CREATE INDEX measure_lead_unit ON measure(lead_unit_id, state, deadline);
CREATE INDEX measure_deadline ON measure(deadline);

CREATE TABLE measure_leader (
  measure_id  INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (measure_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX measure_leader_person ON measure_leader(person_id);

CREATE TABLE measure_co_unit (
  measure_id  INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  unit_id     INTEGER NOT NULL REFERENCES unit(id),
  PRIMARY KEY (measure_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX measure_co_unit_unit ON measure_co_unit(unit_id);

CREATE TABLE progress (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  unit_id     INTEGER REFERENCES unit(id),
  author_id   INTEGER REFERENCES users(id),
  period      TEXT NOT NULL DEFAULT '',     -- the report cycle it answers, e.g. '2025-06'
  body        TEXT NOT NULL,
  percent     INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  state       TEXT NOT NULL DEFAULT 'submitted'
              CHECK (state IN ('draft','submitted','accepted','returned')),
  reported_on TEXT NOT NULL,                -- the day it was submitted
  created_at  TEXT NOT NULL
) STRICT;
-- Covering for the report days the lights need: no table lookups.
CREATE INDEX progress_measure ON progress(measure_id, reported_on, state);

CREATE TABLE evidence (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  progress_id INTEGER REFERENCES progress(id),
  file_name   TEXT NOT NULL,
  media_type  TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size >= 0),
  sha256      TEXT NOT NULL,
  uploaded_by INTEGER REFERENCES users(id),
  uploaded_at TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_measure ON evidence(measure_id);

CREATE TABLE review (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  stage       TEXT NOT NULL CHECK (stage IN ('lead_review','office_verify','leader_signoff','onsite_check')),
  decision    TEXT NOT NULL CHECK (decision IN ('approved','returned')),
  comment     TEXT NOT NULL DEFAULT '',
  reviewer_id INTEGER REFERENCES users(id),
  reviewed_at TEXT NOT NULL
) STRICT;
CREATE INDEX review_measure ON review(measure_id);

-- The timeline of a measure: every state change and every change of owners or deadline.
CREATE TABLE event (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER REFERENCES measure(id) ON DELETE CASCADE,
  inspection_id INTEGER REFERENCES inspection(id) ON DELETE CASCADE,
  actor_id    INTEGER REFERENCES users(id),
  at          TEXT NOT NULL,
  action      TEXT NOT NULL,
  from_state  TEXT,
  to_state    TEXT,
  comment     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX event_measure ON event(measure_id, id);

CREATE TABLE supervision (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('remind','written','talk','listed','onsite')),
  issued_on   TEXT NOT NULL,
  issued_by   INTEGER REFERENCES users(id),
  body        TEXT NOT NULL DEFAULT '',
  resolved_on TEXT
) STRICT;

CREATE TABLE instruction (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER REFERENCES measure(id) ON DELETE CASCADE,
  finding_id  INTEGER REFERENCES finding(id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES person(id),
  given_on    TEXT NOT NULL,
  body        TEXT NOT NULL
) STRICT;

CREATE TABLE mechanism (
  id          INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  title       TEXT NOT NULL,               -- 《…管理办法》
  number      TEXT NOT NULL DEFAULT '',    -- document number, e.g. 湖委办〔2025〕12号
  issuer      TEXT NOT NULL DEFAULT '',
  issued_on   TEXT,
  is_new      INTEGER NOT NULL DEFAULT 1,  -- 1 new, 0 revised
  finding_id  INTEGER REFERENCES finding(id),
  measure_id  INTEGER REFERENCES measure(id)
) STRICT;
CREATE INDEX mechanism_inspection ON mechanism(inspection_id);

CREATE TABLE revisit (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  due_on      TEXT NOT NULL,
  done_on     TEXT,
  result      TEXT CHECK (result IN ('held','relapsed')),
  comment     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE meeting (
  id          INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('standing','leading_group','special','democratic_life','dispatch')),
  held_on     TEXT NOT NULL,
  title       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX meeting_inspection ON meeting(inspection_id);

CREATE TABLE recovery (
  id          INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  measure_id  INTEGER REFERENCES measure(id),
  kind        TEXT NOT NULL CHECK (kind IN ('refund','loss_recovered')),
  amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
  recorded_on TEXT NOT NULL
) STRICT;

CREATE TABLE clue (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('clue','petition')),
  ref_no        TEXT NOT NULL DEFAULT '',
  received_on   TEXT,
  subject_name  TEXT NOT NULL DEFAULT '',
  subject_post  TEXT NOT NULL DEFAULT '',
  subject_rank  TEXT NOT NULL DEFAULT 'other'
                CHECK (subject_rank IN ('ministry','county','township','other')),
  unit_id       INTEGER REFERENCES unit(id),
  disposal      TEXT CHECK (disposal IN ('talk_inquiry','preliminary','shelved','closed')),
  state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','concluded')),
  concluded_on  TEXT
) STRICT;
CREATE INDEX clue_inspection ON clue(inspection_id);

CREATE TABLE clue_outcome (
  id          INTEGER PRIMARY KEY,
  clue_id     INTEGER NOT NULL REFERENCES clue(id) ON DELETE CASCADE,
  type        TEXT NOT NULL,                -- 立案, 党纪处分, 诫勉 …
  subtype     TEXT NOT NULL DEFAULT '',     -- 严重警告 …
  persons     INTEGER NOT NULL DEFAULT 1 CHECK (persons >= 0)
) STRICT;

CREATE TABLE public_feedback (
  id          INTEGER PRIMARY KEY,
  inspection_id INTEGER REFERENCES inspection(id),
  received_at TEXT NOT NULL,
  name        TEXT,
  contact     TEXT,
  body        TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new','handled','rejected')),
  reply       TEXT
) STRICT;

-- Append-only, hash-chained: hash = SHA-256(prev_hash | seq | at | actor | action | object | detail).
CREATE TABLE audit (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  object      TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT '',
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

CREATE TABLE report (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  format        TEXT NOT NULL,
  generated_at  TEXT NOT NULL,
  generated_by  INTEGER REFERENCES users(id),
  content_sha256 TEXT NOT NULL,
  published     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE setting (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL
) STRICT;
