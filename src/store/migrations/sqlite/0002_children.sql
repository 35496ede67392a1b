-- 0002 children (SQLite): the child's file (一人一档), family members, entrusted caregiver,
-- change history, the name index, pairings and import reports. Every row that belongs to a child
-- carries the child's village code (region_code) so that scope filters are range scans.
-- Dates of the calendar (birth, since, exit) are TEXT 'YYYY-MM-DD' in China Standard Time.
CREATE TABLE children (
  id INTEGER PRIMARY KEY,
  region_code INTEGER NOT NULL REFERENCES regions(code),
  name TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  ethnicity TEXT,
  birth_date TEXT NOT NULL,
  id_cipher TEXT,                        -- encrypted (fieldcrypt.h); NULL: no household
  id_index TEXT UNIQUE,                  -- registration, no ID number (R3); blind index
  id_masked TEXT,
  hukou_registered INTEGER NOT NULL DEFAULT 1,
  hukou_type TEXT NOT NULL CHECK (hukou_type IN ('rural', 'urban')),
  hukou_address TEXT,
  current_address TEXT,
  health TEXT NOT NULL DEFAULT 'healthy',
  disability_kind TEXT,
  disability_grade INTEGER,
  illness TEXT,
  school_stage TEXT NOT NULL DEFAULT 'none',
  schooling_status TEXT NOT NULL DEFAULT 'not_in_school',
  school_org_id INTEGER REFERENCES orgs(id),
  school_name TEXT,
  school_grade TEXT,
  boarding INTEGER NOT NULL DEFAULT 0,
  economic TEXT NOT NULL DEFAULT 'none',
  parents_divorced INTEGER NOT NULL DEFAULT 0,
  harmed INTEGER NOT NULL DEFAULT 0,
  misbehaviour INTEGER NOT NULL DEFAULT 0,
  guardianship_note TEXT,
  notes TEXT,
  director_id INTEGER REFERENCES users(id),
  recorded_categories INTEGER NOT NULL DEFAULT 0,   -- bit sets of domain/categories.h
  derived_categories INTEGER NOT NULL DEFAULT 0,
  mismatch INTEGER NOT NULL DEFAULT 0,
  recheck_on TEXT,                       -- next day the derivation may change (birthday, 6 months)
  turning_on TEXT,                       -- the next 16th or 18th birthday
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'exited')),
  exit_reason TEXT,
  exit_date TEXT,
  exit_note TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  created_by INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX children_region ON children(region_code, id);
CREATE INDEX children_region_birth ON children(region_code, birth_date);
CREATE INDEX children_school ON children(school_org_id);
CREATE INDEX children_director ON children(director_id);
CREATE INDEX children_recheck ON children(recheck_on);

CREATE TABLE child_members (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  position INTEGER NOT NULL,
  relation TEXT NOT NULL,
  name TEXT NOT NULL,
  birth_date TEXT,
  id_cipher TEXT,
  id_index TEXT,
  id_masked TEXT,
  phone_cipher TEXT,
  phone_index TEXT,
  phone_masked TEXT,
  status TEXT NOT NULL DEFAULT 'home',
  away_place TEXT,
  outside_county INTEGER NOT NULL DEFAULT 0,
  since TEXT,
  months INTEGER,
  disability_grade INTEGER,
  disability_kind TEXT,
  work_place TEXT
);
CREATE INDEX child_members_child ON child_members(child_id, position);
CREATE INDEX child_members_phone ON child_members(phone_index);

CREATE TABLE child_caregivers (
  child_id INTEGER PRIMARY KEY REFERENCES children(id),
  region_code INTEGER NOT NULL,
  name TEXT NOT NULL,
  relation TEXT,
  phone_cipher TEXT,
  phone_index TEXT,
  phone_masked TEXT,
  id_cipher TEXT,
  id_index TEXT,
  id_masked TEXT,
  address TEXT,
  agreement_date TEXT,
  school_notified INTEGER NOT NULL DEFAULT 0,
  village_notified INTEGER NOT NULL DEFAULT 0,
  checks TEXT
);

CREATE TABLE child_history (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  at INTEGER NOT NULL,
  user_id INTEGER,
  username TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX child_history_child ON child_history(child_id, id);

-- Name search: every single character and every pair of adjacent characters of a name, so a
-- two-character query is one index lookup (FTS5's trigram tokenizer cannot match two).
CREATE TABLE child_name_grams (
  gram TEXT NOT NULL,
  region_code INTEGER NOT NULL,
  child_id INTEGER NOT NULL REFERENCES children(id),
  PRIMARY KEY (gram, region_code, child_id)
);
CREATE INDEX child_name_grams_child ON child_name_grams(child_id);

-- Volunteers and social organisations see only the children paired with them (R2).
CREATE TABLE child_pairings (
  child_id INTEGER NOT NULL REFERENCES children(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  region_code INTEGER NOT NULL,
  since TEXT,
  PRIMARY KEY (org_id, child_id)
);

-- The child's photo (optional, R3): one a child, JPEG or PNG, base64 text on both backends.
CREATE TABLE child_photos (
  child_id INTEGER PRIMARY KEY REFERENCES children(id),
  region_code INTEGER NOT NULL,
  mime TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE import_reports (
  token TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  xlsx_base64 TEXT NOT NULL
);
