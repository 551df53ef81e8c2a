-- Aggregates for the dashboard, home pages and list counts, kept in step with `forms` and
-- `findings` by every write (crate::agg: a form's contribution is taken out before a change and
-- put back after it, in the same transaction). Keep in step with ../postgres/0002_aggregates.sql.
-- Keys are NOT NULL so they can be primary keys: a form without a year counts under year 0,
-- one without a grade under grade ''.

-- The execution rate (预算执行率, canonical decimal string) of the form's funds total row, for the
-- dashboard's scatter plot without reading bodies.
ALTER TABLE forms ADD COLUMN exec_rate TEXT;
UPDATE forms SET exec_rate = (
  SELECT json_extract(j.value, '$.execution_rate.computed')
  FROM form_versions v, json_each(v.body, '$.funds.rows') j
  WHERE v.form_id = forms.id AND v.version = forms.version
    AND json_extract(j.value, '$.kind') = 'total_funds'
  LIMIT 1);

-- Risk sort (errors descending), recently updated, and both within one status.
CREATE INDEX forms_errors ON forms(errors, id);
CREATE INDEX forms_updated ON forms(updated_at, id);
CREATE INDEX forms_status_errors ON forms(status, errors, id);
CREATE INDEX forms_status_updated ON forms(status, updated_at, id);

CREATE TABLE agg_forms (
  year BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  grade TEXT NOT NULL,
  status TEXT NOT NULL,
  forms BIGINT NOT NULL,
  scored BIGINT NOT NULL,
  sum_centi BIGINT NOT NULL,
  errors BIGINT NOT NULL,
  PRIMARY KEY (year, unit_id, grade, status)
);
INSERT INTO agg_forms (year, unit_id, grade, status, forms, scored, sum_centi, errors)
SELECT COALESCE(year, 0), unit_id, COALESCE(grade, ''), status, COUNT(*), COUNT(total_centi),
       COALESCE(SUM(total_centi), 0), COALESCE(SUM(errors), 0)
FROM forms GROUP BY COALESCE(year, 0), unit_id, COALESCE(grade, ''), status;

CREATE TABLE agg_findings (
  year BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  code TEXT NOT NULL,
  forms BIGINT NOT NULL,
  findings BIGINT NOT NULL,
  PRIMARY KEY (year, unit_id, code)
);
INSERT INTO agg_findings (year, unit_id, code, forms, findings)
SELECT COALESCE(f.year, 0), f.unit_id, x.code, COUNT(DISTINCT x.form_id), COUNT(*)
FROM findings x JOIN forms f ON f.id = x.form_id
GROUP BY COALESCE(f.year, 0), f.unit_id, x.code;
