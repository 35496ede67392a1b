-- 0009_psych (SQLite): psychological care (心理关爱, issue 5; 003#20, 003#21). Screenings with
-- their results, the referral of an abnormal result and its events, the follow-ups (定期随访).
-- Every row carries the child's region_code for the scope filter.
CREATE TABLE psych_screenings (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  instrument TEXT NOT NULL,
  screened_on TEXT NOT NULL,
  assessor TEXT,
  score TEXT,                               -- the number as given (text: no rounding)
  result TEXT NOT NULL CHECK (result IN ('normal', 'watch', 'abnormal')),
  note TEXT,
  referral_id INTEGER,
  created_by INTEGER NOT NULL REFERENCES users(id),
  client_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX psych_screenings_child ON psych_screenings(child_id, screened_on, id);
CREATE UNIQUE INDEX psych_screenings_client ON psych_screenings(created_by, client_id);

CREATE TABLE psych_referrals (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id),
  region_code INTEGER NOT NULL,
  screening_id INTEGER REFERENCES psych_screenings(id),
  service_type TEXT NOT NULL CHECK (service_type IN ('school_counsellor', 'hospital', 'social_org')),
  service_name TEXT,
  org_id INTEGER REFERENCES orgs(id),
  state TEXT NOT NULL DEFAULT 'referred'
    CHECK (state IN ('referred', 'accepted', 'in_care', 'closed', 'declined')),
  referred_on TEXT NOT NULL,
  closed_on TEXT,
  outcome TEXT,
  returned_from_treatment INTEGER NOT NULL DEFAULT 0,
  carer_name TEXT,
  carer_user_id INTEGER REFERENCES users(id),
  followup_days INTEGER NOT NULL DEFAULT 30,
  next_followup_on TEXT,                    -- NULL: no follow-ups (declined, closed normally)
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX psych_referrals_child ON psych_referrals(child_id, id);
CREATE INDEX psych_referrals_region ON psych_referrals(region_code, state, id);
-- followup_due=1: the referrals taking follow-ups, by region and day
CREATE INDEX psych_referrals_followup ON psych_referrals(region_code, next_followup_on) WHERE next_followup_on IS NOT NULL;

CREATE TABLE psych_referral_events (
  id INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES psych_referrals(id),
  region_code INTEGER NOT NULL,
  at INTEGER NOT NULL,
  event TEXT NOT NULL,
  note TEXT,
  user_id INTEGER REFERENCES users(id)
);
CREATE INDEX psych_referral_events_referral ON psych_referral_events(referral_id, id);

CREATE TABLE psych_followups (
  id INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES psych_referrals(id),
  region_code INTEGER NOT NULL,
  on_day TEXT NOT NULL,
  note TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX psych_followups_referral ON psych_followups(referral_id, on_day, id);
