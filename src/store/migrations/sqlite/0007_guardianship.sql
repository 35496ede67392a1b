-- 0007 guardianship (SQLite): family guardianship capacity assessments (家庭监护能力评估), entrusted
-- care agreements (委托照护) with their signed copies, and family-education guidance sessions
-- (家庭教育指导), issue 5. Every row carries the child's village code (region_code) so that scope
-- filters are range scans. Instants are UTC ms; days are TEXT 'YYYY-MM-DD' in CST.

CREATE TABLE guard_assessments (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  assessed_on TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('normal', 'insufficient', 'improper', 'absent')),
  by_score TEXT NOT NULL,
  score INTEGER NOT NULL,
  max_score INTEGER NOT NULL,
  answers TEXT NOT NULL,     -- item=option;... (questionnaire order, answered items only)
  dims TEXT NOT NULL,        -- one line per dimension: score,max,explain
  decisive TEXT NOT NULL,    -- comma list of item codes
  next_on TEXT NOT NULL,
  note TEXT,
  client_id TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  UNIQUE (created_by, client_id)
);
CREATE INDEX guard_assessments_child ON guard_assessments(child_id, assessed_on, id);

CREATE TABLE care_agreements (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  caregiver_name TEXT NOT NULL,
  relation TEXT NOT NULL,
  phone_cipher TEXT,
  phone_masked TEXT,
  start_on TEXT NOT NULL,
  end_on TEXT,
  checks TEXT NOT NULL,      -- code=0|1;... as confirmed (Art. 22)
  capable INTEGER NOT NULL,
  child_heard INTEGER NOT NULL DEFAULT 0,
  school_notice_on TEXT,
  village_notice_on TEXT,
  capacity TEXT CHECK (capacity IN ('adequate', 'lacking', 'neglecting')),
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'ended')),
  ended_on TEXT,
  note TEXT,
  problem_id INTEGER REFERENCES problems(id),
  client_id TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (created_by, client_id)
);
CREATE INDEX care_agreements_child ON care_agreements(child_id, id);

CREATE TABLE care_agreement_copies (
  agreement_id INTEGER PRIMARY KEY REFERENCES care_agreements(id),
  region_code INTEGER NOT NULL,
  mime TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE family_edu_sessions (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  held_on TEXT NOT NULL,
  recipient_name TEXT NOT NULL,
  recipient_relation TEXT NOT NULL,
  form TEXT NOT NULL CHECK (form IN ('home', 'class', 'online', 'ordered')),
  provider TEXT,
  content TEXT NOT NULL,
  client_id TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  UNIQUE (created_by, client_id)
);
-- the coverage list asks "a session this year?" per child: (child_id, held_on) answers it
CREATE INDEX family_edu_child ON family_edu_sessions(child_id, held_on);
