-- 0006 reports (SQLite): mandatory reports (强制报告, issue 5). A report is about a child of the
-- register (child_id) or a provisional child described in the report (child_* columns). Instants
-- are UTC ms. The deadline of the current stage (due_at, escalate_at) is stored with the report
-- and recomputed on every step and when the county's settings change; escalated_at is set by the
-- deadline check once per stage. qkey orders the queues: open and escalated first (by due_at),
-- then open (by due_at), then finished ones newest first.
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  no TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('reported', 'accepted', 'handling', 'concluded', 'outcome_told')),
  situation TEXT NOT NULL,
  urgency TEXT NOT NULL,
  seen TEXT NOT NULL,
  happened_at TEXT,
  place TEXT,
  region_code INTEGER NOT NULL REFERENCES regions(code),
  child_id INTEGER REFERENCES children(id),
  child_name TEXT, child_sex TEXT, child_age INTEGER, child_description TEXT, child_school TEXT,
  pupil INTEGER NOT NULL DEFAULT 0,
  channel TEXT NOT NULL CHECK (channel IN ('online', 'phone')),
  reporter_user_id INTEGER NOT NULL REFERENCES users(id),
  reporter_org_id INTEGER REFERENCES orgs(id),
  reporter_name TEXT NOT NULL,
  reporter_unit TEXT,
  reporter_phone_masked TEXT,
  depts INTEGER NOT NULL,
  filed_at INTEGER NOT NULL,
  accepted_at INTEGER, accepted_dept TEXT, accepted_by INTEGER REFERENCES users(id),
  handling_at INTEGER,
  concluded_at INTEGER, outcome TEXT,
  told_at INTEGER, told_note TEXT,
  stage TEXT, due_at INTEGER, escalate_at INTEGER, escalated_at INTEGER,
  qkey INTEGER NOT NULL,
  client_id TEXT,
  updated_at INTEGER NOT NULL,
  UNIQUE (reporter_user_id, client_id)
);
-- box=supervise: the scope's reports in queue order; escalated ones are the first qkey band
CREATE INDEX reports_supervise ON reports(qkey, id, region_code);
CREATE INDEX reports_region ON reports(region_code, qkey);
-- box=mine
CREATE INDEX reports_reporter_org ON reports(reporter_org_id, filed_at);
CREATE INDEX reports_reporter_user ON reports(reporter_user_id, filed_at);
CREATE INDEX reports_child ON reports(child_id, state);
-- the deadline check: open stages not escalated yet, by the instant they escalate
CREATE INDEX reports_escalate ON reports(escalate_at) WHERE escalated_at IS NULL AND stage IS NOT NULL;

-- One row per department a report is routed to: the department's queue is an index scan.
CREATE TABLE report_routes (
  report_id INTEGER NOT NULL REFERENCES reports(id),
  dept TEXT NOT NULL CHECK (dept IN ('police', 'civil_affairs', 'education')),
  region_code INTEGER NOT NULL,
  open INTEGER NOT NULL,
  due_at INTEGER,
  qkey INTEGER NOT NULL,
  PRIMARY KEY (report_id, dept)
);
CREATE INDEX report_routes_queue ON report_routes(dept, qkey, report_id, region_code);
CREATE INDEX report_routes_region ON report_routes(dept, region_code, open);

CREATE TABLE report_events (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id),
  at INTEGER NOT NULL,
  event TEXT NOT NULL,
  from_state TEXT, to_state TEXT,
  dept TEXT,
  user_id INTEGER REFERENCES users(id),
  user_name TEXT,
  note TEXT
);
CREATE INDEX report_events_report ON report_events(report_id, id);

-- The filing day's sequence of the report number (BG20261122-0007).
CREATE TABLE report_seq (
  day TEXT PRIMARY KEY,
  n INTEGER NOT NULL
);
