-- jixiao store schema (SQLite). Keep in step with ../postgres/0001_init.sql.
-- Decimals (totals, scores) are TEXT holding the canonical decimal string; total_centi is the
-- same total in hundredths of a point (exact integer) for aggregates and sorting.
CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  parent_id BIGINT REFERENCES orgs(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  norm_name TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  password_hash TEXT NOT NULL,
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT
);
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  files BIGINT NOT NULL,
  forms BIGINT NOT NULL,
  report TEXT NOT NULL
);
CREATE TABLE forms (
  id INTEGER PRIMARY KEY,
  unit_id BIGINT NOT NULL REFERENCES orgs(id),
  year BIGINT,
  status TEXT NOT NULL,
  version BIGINT NOT NULL,
  project_code TEXT,
  project_name TEXT,
  implementing_unit TEXT,
  budget_unit TEXT,
  read_status TEXT NOT NULL,
  total TEXT,
  total_centi BIGINT,
  grade TEXT,
  errors BIGINT NOT NULL,
  warnings BIGINT NOT NULL,
  infos BIGINT NOT NULL,
  batch_id BIGINT REFERENCES import_batches(id),
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX forms_unit_year ON forms(unit_id, year);
CREATE INDEX forms_year ON forms(year);
CREATE INDEX forms_status ON forms(status);
CREATE INDEX forms_grade ON forms(grade);
CREATE INDEX forms_total ON forms(total_centi);
CREATE TABLE form_versions (
  form_id BIGINT NOT NULL REFERENCES forms(id),
  version BIGINT NOT NULL,
  body TEXT NOT NULL,
  saved_by BIGINT,
  saved_at BIGINT NOT NULL,
  PRIMARY KEY (form_id, version)
);
CREATE TABLE findings (
  form_id BIGINT NOT NULL REFERENCES forms(id),
  fid TEXT NOT NULL,
  code TEXT NOT NULL,
  severity TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (form_id, fid)
);
CREATE INDEX findings_code ON findings(code, form_id);
CREATE INDEX findings_severity ON findings(severity, form_id);
CREATE TABLE triage (
  form_id BIGINT NOT NULL REFERENCES forms(id),
  fid TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT,
  user_id BIGINT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (form_id, fid)
);
CREATE TABLE review_scores (
  form_id BIGINT NOT NULL REFERENCES forms(id),
  indicator BIGINT NOT NULL,
  score TEXT NOT NULL,
  note TEXT,
  user_id BIGINT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (form_id, indicator)
);
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  form_id BIGINT NOT NULL REFERENCES forms(id),
  cell TEXT NOT NULL,
  body TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  username TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX comments_form ON comments(form_id);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  form_id BIGINT,
  user_id BIGINT,
  username TEXT NOT NULL,
  at BIGINT NOT NULL,
  action TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_form ON audit(form_id, id);
