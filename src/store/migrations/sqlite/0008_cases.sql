-- 0008 cases (SQLite): interventions (干预措施) with their after-case follow-up visits (案后回访),
-- the guardianship-case register (专项台账, 001#6), and temporary / long-term guardianship
-- placements (临时/长期监护安置) with their reviews, issue 5. Every row carries the child's village
-- code (region_code) so that scope filters are range scans. Instants are UTC ms; days are TEXT
-- 'YYYY-MM-DD' in CST.

CREATE TABLE interventions (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('admonition', 'police_reprimand', 'education_order',
    'supervision_order', 'protection_order', 'revocation', 'litigation_support',
    'public_interest_suit', 'judicial_suggestion', 'procuratorial_suggestion')),
  issuer TEXT NOT NULL,
  issuer_org_id INTEGER REFERENCES orgs(id),
  issued_on TEXT NOT NULL,
  doc_no TEXT,
  summary TEXT NOT NULL,
  closed_on TEXT,
  next_followup_on TEXT,     -- the earliest follow-up not done yet (NULL: none pending)
  client_id TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (created_by, client_id)
);
-- the register: a region range, newest first
CREATE INDEX interventions_region ON interventions(region_code, issued_on, id);
CREATE INDEX interventions_child ON interventions(child_id, issued_on, id);
-- followup=due|overdue|all: the pending follow-up day
CREATE INDEX interventions_followup ON interventions(next_followup_on, region_code)
  WHERE next_followup_on IS NOT NULL;

CREATE TABLE intervention_followups (
  id INTEGER PRIMARY KEY,
  intervention_id INTEGER NOT NULL REFERENCES interventions(id),
  region_code INTEGER NOT NULL,
  due_on TEXT,               -- NULL: an extra visit beyond the schedule
  done_on TEXT,
  note TEXT,
  done_by INTEGER REFERENCES users(id),
  done_at INTEGER
);
CREATE INDEX intervention_followups_of ON intervention_followups(intervention_id, due_on, id);

CREATE TABLE placements (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('relatives', 'foster', 'rescue', 'welfare')),
  term TEXT NOT NULL CHECK (term IN ('temporary', 'long_term')),
  carer TEXT,
  org_id INTEGER REFERENCES orgs(id),
  reason TEXT NOT NULL,
  start_on TEXT NOT NULL,
  end_on TEXT,               -- ended on this day (state 'ended' from then on)
  review_months INTEGER NOT NULL CHECK (review_months BETWEEN 1 AND 24),
  next_review_on TEXT NOT NULL,
  client_id TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (created_by, client_id)
);
CREATE INDEX placements_region ON placements(region_code, start_on, id);
CREATE INDEX placements_child ON placements(child_id, start_on, id);
CREATE INDEX placements_review ON placements(next_review_on, region_code);

CREATE TABLE placement_reviews (
  id INTEGER PRIMARY KEY,
  placement_id INTEGER NOT NULL REFERENCES placements(id),
  region_code INTEGER NOT NULL,
  reviewed_on TEXT NOT NULL,
  note TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX placement_reviews_of ON placement_reviews(placement_id, reviewed_on, id);
