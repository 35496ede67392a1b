-- 0007_guardianship: filled by issue 5 (placeholder statement until then)
SELECT 1;
