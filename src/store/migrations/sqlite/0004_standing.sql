-- 0004 standing (SQLite): what the schedule, risk grading (分级划定风险) and warnings (预警) derive
-- from a child's file and records, stored so that lists are index scans and the daily sweep only
-- touches children whose standing can change with the calendar (issue 4).

-- Kept by src/app/standing.c whenever a child or one of its records is written, and by the sweep.
ALTER TABLE children ADD COLUMN contact_due_on TEXT;      -- next contact due (CST day); NULL: exited
ALTER TABLE children ADD COLUMN visit_due_on TEXT;        -- next home visit due
ALTER TABLE children ADD COLUMN next_due_on TEXT;         -- the earlier of the two
ALTER TABLE children ADD COLUMN risk_level TEXT;          -- level in force: red/orange/yellow/green
ALTER TABLE children ADD COLUMN risk_score INTEGER;
ALTER TABLE children ADD COLUMN restand_on TEXT;          -- next day the calendar alone may change it
ALTER TABLE children ADD COLUMN caregiver_capacity TEXT;  -- as found at the latest visit recording it
CREATE INDEX children_director_due ON children(director_id, next_due_on);
CREATE INDEX children_region_due ON children(region_code, next_due_on);
CREATE INDEX children_due ON children(next_due_on);
-- the sweep walks never-graded children (restand_on NULL) by id, due ones by (restand_on, id)
CREATE INDEX children_restand ON children(restand_on, id);
CREATE INDEX children_region_risk ON children(region_code, risk_level);
-- what the latest visit recording it found of the caregiver (the visits of 0003 so far)
UPDATE children SET caregiver_capacity = (SELECT v.caregiver_capacity FROM visits v
  WHERE v.child_id = children.id AND v.caregiver_capacity IS NOT NULL
  ORDER BY v.occurred_at DESC, v.id DESC LIMIT 1);

-- The grading of each child: the factors behind the score, and the manual override (人工调整).
CREATE TABLE child_risk (
  child_id INTEGER PRIMARY KEY REFERENCES children(id),
  region_code INTEGER NOT NULL,
  computed TEXT NOT NULL,                 -- level of the score
  score INTEGER NOT NULL,
  factors TEXT NOT NULL,                  -- JSON [{"code","points","value"}]
  graded_at INTEGER NOT NULL,
  override_level TEXT,
  override_reason TEXT,
  override_until TEXT,                    -- CST day, inclusive
  override_by INTEGER REFERENCES users(id),
  override_at INTEGER
);

-- Every change of the level in force, with its cause.
CREATE TABLE risk_changes (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  at INTEGER NOT NULL,
  from_level TEXT,                        -- NULL: first grading
  to_level TEXT NOT NULL,
  score INTEGER NOT NULL,
  cause TEXT NOT NULL,                    -- visit, problem, file, override, override_cleared, override_expired, sweep, settings
  detail TEXT,
  user_id INTEGER
);
CREATE INDEX risk_changes_child ON risk_changes(child_id, id);
CREATE INDEX risk_changes_region ON risk_changes(region_code, at);

-- Warnings (预警): open while their condition holds; closed_at set when it clears.
CREATE TABLE warnings (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  kind TEXT NOT NULL,
  ref_id INTEGER NOT NULL DEFAULT 0,      -- the problem (problem_overdue, caregiver_followup), else 0
  message TEXT NOT NULL,                  -- Chinese, as shown
  due_on TEXT,                            -- the day the condition concerns (a due date, a birthday)
  escalated INTEGER NOT NULL DEFAULT 0,
  opened_at INTEGER NOT NULL,
  opened_on TEXT NOT NULL,
  closed_at INTEGER
);
CREATE UNIQUE INDEX warnings_open_key ON warnings(kind, child_id, ref_id) WHERE closed_at IS NULL;
-- closed_at in the key too: the summary's per-kind count reads the index alone (SQLite, PostgreSQL)
CREATE INDEX warnings_open_region ON warnings(region_code, kind, closed_at) WHERE closed_at IS NULL;
CREATE INDEX warnings_child ON warnings(child_id, id);

-- Escalation of a problem past its deadline to the supervisor.
ALTER TABLE problems ADD COLUMN escalated_at INTEGER;

-- A visit's optional photo, like the child's: base64 text on both backends.
CREATE TABLE visit_photos (
  visit_id INTEGER PRIMARY KEY REFERENCES visits(id),
  region_code INTEGER NOT NULL,
  mime TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The home page's numbers at a million children (warnings/summary): small partial indexes that
-- hold only the rows each count counts and every column it reads (the queries repeat these
-- literals, so SQLite sees the index applies).
CREATE INDEX warnings_open_escalated ON warnings(region_code, escalated, closed_at) WHERE closed_at IS NULL AND escalated = 1;
CREATE INDEX children_red_region ON children(region_code, risk_level, status) WHERE risk_level = 'red' AND status = 'active';
