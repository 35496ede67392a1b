-- 0008_cases: filled by issue 5 (placeholder statement until then)
SELECT 1;
