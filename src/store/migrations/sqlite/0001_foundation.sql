-- 0001 foundation (SQLite): regions, organisations, accounts, sessions, login log, audit trail.
-- Instants are INTEGER UTC milliseconds; flags are INTEGER 0/1; division codes are INTEGER.
CREATE TABLE regions (
  code INTEGER PRIMARY KEY,            -- 12-digit statistical division code
  parent INTEGER,                      -- NULL for a province
  name TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5)
);
CREATE INDEX regions_parent ON regions(parent, code);

CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  region_code INTEGER NOT NULL REFERENCES regions(code),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (region_code, name)
);
CREATE INDEX orgs_region ON orgs(region_code);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  phone TEXT,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'none',
  region_code INTEGER NOT NULL REFERENCES regions(code),
  org_id INTEGER REFERENCES orgs(id),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  must_change_password INTEGER NOT NULL DEFAULT 1,
  password_changed_at INTEGER NOT NULL,
  last_login_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX users_region ON users(region_code);

-- Failed-login counting by the name typed, known account or not, so that an unknown name
-- answers exactly as a known one does.
CREATE TABLE login_throttle (
  username TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until INTEGER NOT NULL
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,     -- SHA-256 of the cookie value; the value itself is not kept
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  ended_at INTEGER,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  username TEXT NOT NULL,
  user_id INTEGER,
  outcome TEXT NOT NULL,
  reason TEXT,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX login_log_at ON login_log(at);

-- The audit trail: append-only, gapless seq, each row's hash chains the previous one (keyed
-- with a secret outside the database), so `shouhu audit verify` finds an edited or deleted row.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER,
  username TEXT NOT NULL,
  ip TEXT,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT,
  region_code INTEGER,
  outcome TEXT NOT NULL,
  detail TEXT,
  hash TEXT NOT NULL
);
CREATE INDEX audit_at ON audit_log(at);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, '');
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
