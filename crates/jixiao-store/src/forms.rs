//! Forms: one row per form with precomputed list columns (total, grade, counts), every saved
//! version's body (the check JSON of `jixiao_core::output::json::form_json`), findings of the
//! current version. Every save re-runs the checker and bumps `version` (optimistic locking).

use crate::agg;
use crate::audit::{self, form_state};
use crate::orgs::{OrgKind, create_org_tx, find_org_tx};
use crate::users::{Role, User};
use crate::workflow::Status;
use crate::{Result, Store, StoreError, now_ms};
use jixiao_core::model::Form;
use jixiao_core::output::json::{finding_json, form_json};
use jixiao_core::pipeline::{CheckOptions, CheckedForm, check_form_with};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashSet;

/// A form as listed: the precomputed columns.
#[derive(Debug, Clone, Serialize)]
pub struct FormSummary {
    pub id: i64,
    pub version: i64,
    /// Workflow status code (`draft`, `submitted`, …).
    pub status: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub year: Option<i64>,
    pub header: FormHeader,
    /// Reading status of the check (`complete`, `incomplete`, …).
    pub read_status: String,
    /// Total score (computed, else printed), canonical decimal string.
    pub total: Option<String>,
    /// Grade code (`excellent`, `good`, `fair`, `poor`).
    pub grade: Option<String>,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
    pub updated_at: i64,
}

/// The header columns of a form, as printed.
#[derive(Debug, Clone, Serialize)]
pub struct FormHeader {
    pub project_code: Option<String>,
    pub project_name: Option<String>,
    pub implementing_unit: Option<String>,
    pub budget_unit: Option<String>,
}

/// A stored form: its summary and the body of its current version.
#[derive(Debug, Clone, Serialize)]
pub struct StoredForm {
    pub summary: FormSummary,
    /// The check JSON of the current version (its `status` is the reading status).
    pub body: Value,
}

/// Filters, sort and page of a form list. Empty fields do not filter.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct FormFilter {
    pub year: Option<i64>,
    pub unit_id: Option<i64>,
    pub status: Option<String>,
    pub grade: Option<String>,
    /// Only forms with a finding of this code.
    pub code: Option<String>,
    /// Only forms with a finding of this severity (`error`, `warning`, `info`).
    pub severity: Option<String>,
    /// Substring of the project name or code.
    pub q: Option<String>,
    /// `id` (default), `total`, `year`, `updated_at`, `errors`, `project_name`; `-` prefix = descending.
    pub sort: Option<String>,
    /// 1-based page (default 1).
    pub page: Option<i64>,
    /// Page size (default 50, at most 500).
    pub per_page: Option<i64>,
}

/// One page of forms.
#[derive(Debug, Clone, Serialize)]
pub struct FormPage {
    pub items: Vec<FormSummary>,
    /// Number of forms matching the filters.
    pub total_count: i64,
    pub page: i64,
    pub per_page: i64,
}

/// What a save writes beside the body.
pub(crate) struct Columns {
    pub body: Value,
    pub year: Option<i64>,
    pub project_code: Option<String>,
    pub project_name: Option<String>,
    pub implementing_unit: Option<String>,
    pub budget_unit: Option<String>,
    pub read_status: String,
    pub total: Option<String>,
    pub total_centi: Option<i64>,
    pub grade: Option<String>,
    /// Execution rate of the funds total row (computed), canonical decimal string.
    pub exec_rate: Option<String>,
    pub counts: [i64; 3],
    /// (fid, code, severity, finding JSON with `id`).
    pub findings: Vec<(String, String, String, Value)>,
}

/// Hundredths of a point, exactly (`95.98` → 9598); `None` if not a whole number of hundredths.
pub fn centi(d: Decimal) -> Option<i64> {
    let c = d.checked_mul(Decimal::ONE_HUNDRED)?;
    if c.fract().is_zero() {
        rust_decimal::prelude::ToPrimitive::to_i64(&c)
    } else {
        None
    }
}

/// Check `form` and compute everything stored with it.
pub(crate) fn columns(form: Form) -> Columns {
    let c: CheckedForm = check_form_with(form, &CheckOptions::default());
    let mut body = form_json(&c);
    let total_dec = c.eval.total_computed.or_else(|| {
        c.form
            .total
            .as_ref()
            .and_then(|t| t.score.as_ref())
            .map(|s| s.value)
    });
    let mut counts = [0i64; 3];
    let mut seen = HashSet::new();
    let mut findings = Vec::new();
    for f in &c.findings {
        let sev = f.severity.code();
        match sev {
            "error" => counts[0] += 1,
            "warning" => counts[1] += 1,
            _ => counts[2] += 1,
        }
        // Code and line only: columns do not survive the JSON shape, and the id must stay the
        // same across saves so triage sticks to the finding.
        let base = format!("{}-{}", f.code, f.line.unwrap_or(0));
        let mut fid = base.clone();
        let mut n = 1;
        while !seen.insert(fid.clone()) {
            n += 1;
            fid = format!("{base}-{n}");
        }
        let mut j = finding_json(f);
        j["id"] = Value::String(fid.clone());
        findings.push((fid, f.code.to_string(), sev.to_string(), j));
    }
    // The body's findings carry their ids too, so a client can triage straight from it.
    if let Some(arr) = body.get_mut("findings").and_then(|v| v.as_array_mut()) {
        for (slot, (_, _, _, j)) in arr.iter_mut().zip(&findings) {
            *slot = j.clone();
        }
    }
    let exec_rate = body["funds"]["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["kind"] == "total_funds"))
        .and_then(|r| r["execution_rate"]["computed"].as_str())
        .map(str::to_string);
    let h = &c.form.header;
    let text =
        |s: &Option<jixiao_core::model::Sourced<String>>| s.as_ref().map(|s| s.value.clone());
    Columns {
        year: h.year.as_ref().map(|y| i64::from(y.value)),
        project_code: text(&h.project_code),
        project_name: text(&h.project_name),
        implementing_unit: text(&h.implementing_unit),
        budget_unit: text(&h.budget_unit),
        read_status: c.form.status.code().to_string(),
        total: total_dec
            .map(|d| jixiao_core::output::json::computed(Some(d)))
            .and_then(|v| v.as_str().map(str::to_string)),
        total_centi: total_dec.and_then(centi),
        grade: c.eval.grade_code.map(str::to_string),
        exec_rate,
        counts,
        findings,
        body,
    }
}

pub(crate) const SUMMARY_COLS: &str = "f.id, f.version, f.status, f.unit_id, o.name AS unit_name, o.path AS unit_path, \
    f.year, f.project_code, f.project_name, f.implementing_unit, f.budget_unit, f.read_status, \
    f.total, f.grade, f.errors, f.warnings, f.infos, f.updated_at";

pub(crate) fn summary_from_row(r: &AnyRow) -> Result<FormSummary> {
    Ok(FormSummary {
        id: r.try_get("id")?,
        version: r.try_get("version")?,
        status: r.try_get("status")?,
        unit_id: r.try_get("unit_id")?,
        unit_name: r.try_get("unit_name")?,
        year: r.try_get("year")?,
        header: FormHeader {
            project_code: r.try_get("project_code")?,
            project_name: r.try_get("project_name")?,
            implementing_unit: r.try_get("implementing_unit")?,
            budget_unit: r.try_get("budget_unit")?,
        },
        read_status: r.try_get("read_status")?,
        total: r.try_get("total")?,
        grade: r.try_get("grade")?,
        errors: r.try_get("errors")?,
        warnings: r.try_get("warnings")?,
        infos: r.try_get("infos")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// The SQL condition on `f.unit_id` for the forms `user` sees: `f.unit_id IN (1,4,9)`, or
/// `1 = 1` when the user sees every org (no filter, so indexes on other columns stay usable).
pub(crate) async fn scope_sql(store: &Store, user: &User) -> Result<String> {
    if user.role == Role::Filer {
        return Ok(format!("f.unit_id = {}", user.org_id));
    }
    let orgs = store.list_orgs().await?;
    let ids: Vec<String> = orgs
        .iter()
        .filter(|o| user.sees(o))
        .map(|o| o.id.to_string())
        .collect();
    Ok(if ids.len() == orgs.len() {
        "1 = 1".to_string()
    } else if ids.is_empty() {
        "1 = 0".to_string()
    } else {
        format!("f.unit_id IN ({})", ids.join(","))
    })
}

/// Find (or, for supervisors and the bureau, create) the unit a form belongs to, in scope.
pub(crate) async fn resolve_unit_tx(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user: &User,
    cols: &Columns,
) -> Result<i64> {
    let Some(name) = cols
        .implementing_unit
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    else {
        return Ok(user.org_id);
    };
    if let Some(org) = find_org_tx(tx, name).await? {
        return if user.sees(&org) {
            Ok(org.id)
        } else {
            Err(StoreError::Forbidden(format!(
                "实施单位“{name}”不在您的管辖范围内"
            )))
        };
    }
    if user.role == Role::Filer {
        return Err(StoreError::Forbidden(format!(
            "实施单位“{name}”不是您的单位（{}）：请检查表头的实施单位",
            user.org_name
        )));
    }
    // A new unit goes under its budget unit when that is known and in scope, else under the user's org.
    let mut parent = user.org_id;
    if let Some(b) = cols.budget_unit.as_deref()
        && let Some(org) = find_org_tx(tx, b).await?
        && user.sees(&org)
        && org.kind != OrgKind::Unit
    {
        parent = org.id;
    }
    Ok(create_org_tx(tx, Some(parent), OrgKind::Unit, name)
        .await?
        .id)
}

/// Insert a new form (version 1, status draft) with its findings and an audit entry.
pub(crate) async fn insert_form_tx(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user: &User,
    cols: Columns,
    batch_id: Option<i64>,
    unit_override: Option<i64>,
    action: &str,
) -> Result<i64> {
    let unit_id = match unit_override {
        Some(u) => u,
        None => resolve_unit_tx(tx, user, &cols).await?,
    };
    let now = now_ms();
    let status = Status::Draft.code();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO forms (unit_id, year, status, version, project_code, project_name, implementing_unit, \
         budget_unit, read_status, total, total_centi, grade, errors, warnings, infos, batch_id, created_by, \
         created_at, updated_at, exec_rate) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18) \
         RETURNING id",
    )
    .bind(unit_id)
    .bind(cols.year)
    .bind(status)
    .bind(&cols.project_code)
    .bind(&cols.project_name)
    .bind(&cols.implementing_unit)
    .bind(&cols.budget_unit)
    .bind(&cols.read_status)
    .bind(&cols.total)
    .bind(cols.total_centi)
    .bind(&cols.grade)
    .bind(cols.counts[0])
    .bind(cols.counts[1])
    .bind(cols.counts[2])
    .bind(batch_id)
    .bind(user.id)
    .bind(now)
    .bind(&cols.exec_rate)
    .fetch_one(&mut **tx)
    .await?;
    write_version_tx(tx, id, 1, &cols, user.id, now).await?;
    agg::form_in_tx(tx, id).await?;
    let after = form_state(status, 1, &cols.body);
    audit::append_tx(
        tx,
        Some(id),
        user.id,
        &user.username,
        action,
        &Value::Null,
        &after,
    )
    .await?;
    Ok(id)
}

async fn write_version_tx(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    version: i64,
    cols: &Columns,
    user_id: i64,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO form_versions (form_id, version, body, saved_by, saved_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(version)
    .bind(cols.body.to_string())
    .bind(user_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let fresh = version == 1;
    if !fresh {
        sqlx::query("DELETE FROM findings WHERE form_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    for (fid, code, sev, j) in &cols.findings {
        sqlx::query(
            "INSERT INTO findings (form_id, fid, code, severity, body) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(fid)
        .bind(code)
        .bind(sev)
        .bind(j.to_string())
        .execute(&mut **tx)
        .await?;
    }
    if fresh {
        return Ok(());
    }
    // A triaged finding that is gone after this save was fixed.
    let live: Vec<&str> = cols.findings.iter().map(|f| f.0.as_str()).collect();
    let triaged: Vec<(String, String)> =
        sqlx::query_as("SELECT fid, state FROM triage WHERE form_id = $1")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
    for (fid, state) in triaged {
        if state != "fixed" && !live.contains(&fid.as_str()) {
            sqlx::query(
                "UPDATE triage SET state = 'fixed', at = $1 WHERE form_id = $2 AND fid = $3",
            )
            .bind(now)
            .bind(id)
            .bind(&fid)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

impl Store {
    /// The summary of a form `user` may see (404 otherwise).
    pub async fn form_summary(&self, user: &User, id: i64) -> Result<FormSummary> {
        let sql = format!(
            "SELECT {SUMMARY_COLS} FROM forms f JOIN orgs o ON o.id = f.unit_id WHERE f.id = $1"
        );
        let r = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("自评表 {id}")))?;
        let path: String = r.try_get("unit_path")?;
        let s = summary_from_row(&r)?;
        if !user.sees_path(s.unit_id, &path) {
            return Err(StoreError::NotFound(format!("自评表 {id}")));
        }
        Ok(s)
    }

    /// A form with the body of its current version.
    pub async fn get_form(&self, user: &User, id: i64) -> Result<StoredForm> {
        let summary = self.form_summary(user, id).await?;
        let body = self.form_body(id, summary.version).await?;
        Ok(StoredForm { summary, body })
    }

    /// The body of one version of a form (no access check: callers check first).
    pub async fn form_body(&self, id: i64, version: i64) -> Result<Value> {
        let body: String = sqlx::query_scalar(
            "SELECT body FROM form_versions WHERE form_id = $1 AND version = $2",
        )
        .bind(id)
        .bind(version)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("自评表 {id} 第 {version} 版")))?;
        serde_json::from_str(&body)
            .map_err(|e| StoreError::Invalid(format!("存储的自评表无法解析：{e}")))
    }

    /// Create a form from a read or edited `Form` (status draft, version 1).
    pub async fn create_form(&self, user: &User, form: Form) -> Result<StoredForm> {
        let cols = columns(form);
        let mut tx = self.pool.begin().await?;
        let id = insert_form_tx(&mut tx, user, cols, None, None, "create").await?;
        tx.commit().await?;
        self.get_form(user, id).await
    }

    /// Save a new version of form `id`, read at `expected_version`; 409 if it moved on since.
    pub async fn save_form(
        &self,
        user: &User,
        id: i64,
        expected_version: i64,
        form: Form,
    ) -> Result<StoredForm> {
        let current = self.form_summary(user, id).await?;
        let status = Status::parse(&current.status).unwrap_or(Status::Draft);
        if !crate::workflow::may_edit(user, status) {
            return Err(StoreError::Unprocessable {
                message: format!("自评表处于“{}”状态，不能修改", status.chinese()),
                details: serde_json::json!({"status": status.code()}),
            });
        }
        let cols = columns(form);
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        // The write comes first: it takes the write lock and is the optimistic-lock check.
        let locked = sqlx::query(
            "UPDATE forms SET version = version WHERE id = $1 AND version = $2 AND status IN ('draft', 'returned')",
        )
        .bind(id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        if locked.rows_affected() == 0 {
            tx.rollback().await?;
            let now_version: Option<i64> =
                sqlx::query_scalar("SELECT version FROM forms WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
            return Err(StoreError::Conflict {
                current_version: now_version.unwrap_or(current.version),
            });
        }
        agg::form_out_tx(&mut tx, id).await?;
        sqlx::query(
            "UPDATE forms SET version = version + 1, year = $1, project_code = $2, project_name = $3, \
             implementing_unit = $4, budget_unit = $5, read_status = $6, total = $7, total_centi = $8, \
             grade = $9, errors = $10, warnings = $11, infos = $12, updated_at = $13, exec_rate = $14 \
             WHERE id = $15",
        )
        .bind(cols.year)
        .bind(&cols.project_code)
        .bind(&cols.project_name)
        .bind(&cols.implementing_unit)
        .bind(&cols.budget_unit)
        .bind(&cols.read_status)
        .bind(&cols.total)
        .bind(cols.total_centi)
        .bind(&cols.grade)
        .bind(cols.counts[0])
        .bind(cols.counts[1])
        .bind(cols.counts[2])
        .bind(now)
        .bind(&cols.exec_rate)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let version = expected_version + 1;
        let before_body: String = sqlx::query_scalar(
            "SELECT body FROM form_versions WHERE form_id = $1 AND version = $2",
        )
        .bind(id)
        .bind(expected_version)
        .fetch_one(&mut *tx)
        .await?;
        let before_body: Value = serde_json::from_str(&before_body).unwrap_or(Value::Null);
        write_version_tx(&mut tx, id, version, &cols, user.id, now).await?;
        agg::form_in_tx(&mut tx, id).await?;
        let (before, after) = audit::diff(
            &form_state(&current.status, expected_version, &before_body),
            &form_state(&current.status, version, &cols.body),
        );
        audit::append_tx(
            &mut tx,
            Some(id),
            user.id,
            &user.username,
            "update",
            &before,
            &after,
        )
        .await?;
        tx.commit().await?;
        self.get_form(user, id).await
    }

    /// Forms `user` may see, filtered, sorted and paged.
    pub async fn list_forms(&self, user: &User, filter: &FormFilter) -> Result<FormPage> {
        let mut wh = vec![scope_sql(self, user).await?];
        let mut binds: Vec<Bind> = Vec::new();
        let mut push = |cond: &str, b: Bind, wh: &mut Vec<String>| -> usize {
            binds.push(b);
            wh.push(cond.replace("$?", &format!("${}", binds.len())));
            binds.len()
        };
        if let Some(y) = filter.year {
            push("f.year = $?", Bind::I(y), &mut wh);
        }
        if let Some(u) = filter.unit_id {
            push("f.unit_id = $?", Bind::I(u), &mut wh);
        }
        if let Some(s) = filter.status.as_deref().filter(|s| !s.is_empty()) {
            push("f.status = $?", Bind::S(s.to_string()), &mut wh);
        }
        if let Some(g) = filter.grade.as_deref().filter(|s| !s.is_empty()) {
            push("f.grade = $?", Bind::S(g.to_string()), &mut wh);
        }
        let has_grade = filter.grade.as_deref().is_some_and(|s| !s.is_empty());
        let has_status = filter.status.as_deref().is_some_and(|s| !s.is_empty());
        let has_q = filter.q.as_deref().is_some_and(|s| !s.is_empty());
        let has_severity = filter.severity.as_deref().is_some_and(|s| !s.is_empty());
        // With a code filter, the same condition on `agg_findings` (for the count).
        let mut code_cond: Option<(usize, String)> = None;
        if let Some(c) = filter.code.as_deref().filter(|s| !s.is_empty()) {
            let n = push(
                // EXISTS, so a sorted page walks its index and probes `findings_code(code, form_id)`.
                "EXISTS (SELECT 1 FROM findings x WHERE x.code = $? AND x.form_id = f.id)",
                Bind::S(c.to_uppercase()),
                &mut wh,
            );
            code_cond = Some((wh.len() - 1, format!("f.code = ${n}")));
        }
        if let Some(s) = filter.severity.as_deref().filter(|s| !s.is_empty()) {
            let col = match s {
                "error" => "f.errors > 0",
                "warning" => "f.warnings > 0",
                "info" => "f.infos > 0",
                _ => {
                    return Err(StoreError::Invalid(format!(
                        "未知的严重程度 {s}：应为 error、warning 或 info"
                    )));
                }
            };
            wh.push(col.to_string());
        }
        if let Some(q) = filter.q.as_deref().filter(|s| !s.is_empty()) {
            push(
                "(f.project_name LIKE $? OR f.project_code LIKE $?)",
                Bind::S(format!("%{q}%")),
                &mut wh,
            );
        }
        let where_sql = wh.join(" AND ");
        let (col, desc) = match filter.sort.as_deref().unwrap_or("id") {
            s if s.starts_with('-') => (&s[1..], true),
            s => (s, false),
        };
        let order = match col {
            "id" => "f.id",
            "total" => "f.total_centi",
            "year" => "f.year",
            "updated_at" => "f.updated_at",
            "errors" => "f.errors",
            "project_name" => "f.project_name",
            other => return Err(StoreError::Invalid(format!("不能按 {other} 排序"))),
        };
        let dir = if desc { "DESC" } else { "ASC" };
        let per_page = filter.per_page.unwrap_or(50).clamp(1, 500);
        let page = filter.page.unwrap_or(1).max(1);
        // The count comes from the aggregates when they hold every filtered column (year, unit,
        // status, grade; or year, unit, code), else from `forms`.
        let count_sql = match &code_cond {
            None if !has_q && !has_severity => format!(
                "SELECT CAST(COALESCE(SUM(f.forms), 0) AS BIGINT) FROM agg_forms f WHERE {where_sql}"
            ),
            Some((i, cond)) if !has_q && !has_severity && !has_grade && !has_status => {
                let mut agg_wh = wh.clone();
                agg_wh[*i] = cond.clone();
                format!(
                    "SELECT CAST(COALESCE(SUM(f.forms), 0) AS BIGINT) FROM agg_findings f WHERE {}",
                    agg_wh.join(" AND ")
                )
            }
            _ => format!("SELECT COUNT(*) FROM forms f WHERE {where_sql}"),
        };
        let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql));
        for b in &binds {
            q = match b {
                Bind::I(i) => q.bind(*i),
                Bind::S(s) => q.bind(s.clone()),
            };
        }
        let total_count = q.fetch_one(&self.pool).await?;
        let sql = format!(
            // The page's ids come from `forms` alone (an index walk), then the 50 rows are joined.
            "SELECT {SUMMARY_COLS} FROM (SELECT f.id FROM forms f WHERE {where_sql} \
             ORDER BY {order} {dir}, f.id {dir} LIMIT {per_page} OFFSET {}) p \
             JOIN forms f ON f.id = p.id JOIN orgs o ON o.id = f.unit_id ORDER BY {order} {dir}, f.id {dir}",
            // saturating: `?page=9223372036854775807` is an empty page, not an overflow.
            (page - 1).saturating_mul(per_page)
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for b in &binds {
            q = match b {
                Bind::I(i) => q.bind(*i),
                Bind::S(s) => q.bind(s.clone()),
            };
        }
        let rows = q.fetch_all(&self.pool).await?;
        Ok(FormPage {
            items: rows.iter().map(summary_from_row).collect::<Result<_>>()?,
            total_count,
            page,
            per_page,
        })
    }

    /// How many forms `user` sees in each workflow status (from the aggregates; one query).
    pub async fn status_counts(&self, user: &User) -> Result<Vec<(String, i64)>> {
        let scope = scope_sql(self, user).await?;
        let sql = format!(
            "SELECT f.status, CAST(SUM(f.forms) AS BIGINT) FROM agg_forms f WHERE {scope} \
             GROUP BY f.status HAVING SUM(f.forms) > 0 ORDER BY f.status"
        );
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?)
    }

    /// (execution rate, total, project name) of the `limit` most recently updated forms `user`
    /// sees that have both (the dashboard's scatter plot; stored columns, no bodies read).
    pub async fn scatter_points(
        &self,
        user: &User,
        year: Option<i64>,
        limit: i64,
    ) -> Result<Vec<(String, String, Option<String>)>> {
        let mut wh = scope_sql(self, user).await?;
        if let Some(y) = year {
            wh.push_str(&format!(" AND f.year = {y}"));
        }
        let sql = format!(
            "SELECT f.exec_rate, f.total, f.project_name FROM forms f WHERE {wh} \
             AND f.exec_rate IS NOT NULL AND f.total IS NOT NULL \
             ORDER BY f.updated_at DESC, f.id DESC LIMIT {}",
            limit.clamp(0, 10_000)
        );
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?)
    }

    /// Every version number of a form with who saved it and when.
    pub async fn form_versions(
        &self,
        user: &User,
        id: i64,
    ) -> Result<Vec<(i64, Option<i64>, i64)>> {
        self.form_summary(user, id).await?;
        Ok(sqlx::query_as(
            "SELECT version, saved_by, saved_at FROM form_versions WHERE form_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// A bound parameter of a dynamic query.
enum Bind {
    I(i64),
    S(String),
}

#[cfg(test)]
mod tests {
    use super::centi;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn centi_is_exact() {
        assert_eq!(centi(Decimal::from_str("95.98").unwrap()), Some(9598));
        assert_eq!(centi(Decimal::from_str("100.00").unwrap()), Some(10000));
        assert_eq!(centi(Decimal::from_str("7").unwrap()), Some(700));
        assert_eq!(centi(Decimal::from_str("1.005").unwrap()), None);
    }
}
