-- 0003 visits (SQLite): contacts and visits (走访), problems and their follow-up (发现问题和解决方案),
-- care and assistance records (关爱帮扶记录) and the child directors' work log (工作日志), issue 4.
-- Every row that belongs to a child carries the child's village code (region_code) so that scope
-- filters are range scans; a work log carries its author's region. Instants are UTC ms; calendar
-- days are TEXT 'YYYY-MM-DD' in China Standard Time; money is integer fen.

-- The schedule reads these two days instead of the visits (updated when a visit is saved).
ALTER TABLE children ADD COLUMN last_contact_on TEXT;
ALTER TABLE children ADD COLUMN last_home_visit_on TEXT;

CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('phone_video', 'home_visit', 'school_visit')),
  occurred_at INTEGER NOT NULL,
  occurred_on TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  client_id TEXT NOT NULL,
  met TEXT,
  living TEXT, living_note TEXT,
  guardianship TEXT, guardianship_note TEXT,
  schooling TEXT, schooling_note TEXT,
  health TEXT, health_note TEXT,
  psychological TEXT, psychological_note TEXT,
  safety TEXT, safety_note TEXT, safety_hazards TEXT,
  parents_contact TEXT, parents_contact_note TEXT,
  caregiver_capacity TEXT CHECK (caregiver_capacity IN ('adequate', 'lacking', 'neglecting')),
  notes TEXT,
  lat_e6 INTEGER, lng_e6 INTEGER, located_at INTEGER,
  late INTEGER NOT NULL DEFAULT 0,
  late_reason TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (user_id, client_id)
);
CREATE INDEX visits_child ON visits(child_id, occurred_at);
CREATE INDEX visits_region ON visits(region_code, occurred_at);

CREATE TABLE problems (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  visit_id INTEGER REFERENCES visits(id),
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  assignee_user_id INTEGER REFERENCES users(id),
  assignee_org_id INTEGER REFERENCES orgs(id),
  deadline TEXT,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
  resolution TEXT,
  resolved_at INTEGER,
  resolved_by INTEGER,
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX problems_region ON problems(region_code, state, deadline);
CREATE INDEX problems_child ON problems(child_id, id);

CREATE TABLE problem_notes (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  region_code INTEGER NOT NULL,
  at INTEGER NOT NULL,
  user_id INTEGER,
  username TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX problem_notes_problem ON problem_notes(problem_id, id);

CREATE TABLE care_records (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  kind TEXT NOT NULL,
  provider_org_id INTEGER REFERENCES orgs(id),
  provider TEXT,
  on_date TEXT NOT NULL,
  content TEXT NOT NULL,
  money_fen INTEGER NOT NULL DEFAULT 0,
  goods TEXT,
  created_by INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX care_records_child ON care_records(child_id, on_date);
CREATE INDEX care_records_region ON care_records(region_code, on_date);

CREATE TABLE work_logs (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  region_code INTEGER NOT NULL,
  on_date TEXT NOT NULL,
  content TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX work_logs_region ON work_logs(region_code, on_date);

CREATE TABLE work_log_children (
  log_id INTEGER NOT NULL REFERENCES work_logs(id),
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  PRIMARY KEY (log_id, child_id)
);
CREATE INDEX work_log_children_child ON work_log_children(child_id);
