-- 0005 protection (PostgreSQL): what issue 5's records tell the child's standing (risk grading and
-- schedule), kept on the child's row by the use cases that write them (src/app/standing.h
-- standing_protect_*), so that grading a child stays one read.
ALTER TABLE children ADD COLUMN guardianship_result TEXT;   -- latest 家庭监护能力评估: absent/improper/insufficient/normal
ALTER TABLE children ADD COLUMN guardianship_next_on TEXT;  -- its reassessment day (CST)
ALTER TABLE children ADD COLUMN psych_result TEXT;          -- latest psychological screening: normal/attention/abnormal
ALTER TABLE children ADD COLUMN open_reports INTEGER NOT NULL DEFAULT 0;   -- mandatory reports not yet concluded
