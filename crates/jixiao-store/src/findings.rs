//! Findings of the current version with their triage (open / accepted / dismissed / fixed),
//! reviewer scores (复核分) per indicator row, and comments per cell.

use crate::users::{Role, User};
use crate::{Result, Store, StoreError, audit, now_ms};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Value, json};
use std::str::FromStr;

/// Triage states a finding can be put in.
pub const TRIAGE_STATES: &[&str] = &["open", "accepted", "dismissed", "fixed"];

/// A reviewer score on one indicator row.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewScore {
    /// 0-based index into the form's `indicators`.
    pub indicator: i64,
    /// Canonical decimal string.
    pub score: String,
    pub note: Option<String>,
    pub user_id: i64,
    pub at: i64,
}

/// A comment on one cell.
#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub id: i64,
    /// Cell path, e.g. `indicators/3/actual`.
    pub cell: String,
    pub text: String,
    pub user_id: i64,
    pub username: String,
    pub at: i64,
}

/// Insert a comment inside a transaction (with its audit entry).
pub async fn add_comment_tx(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user: &User,
    form_id: i64,
    cell: &str,
    text: &str,
) -> Result<i64> {
    if text.trim().is_empty() {
        return Err(StoreError::Invalid("意见内容不能为空".into()));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO comments (form_id, cell, body, user_id, username, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(form_id)
    .bind(cell)
    .bind(text)
    .bind(user.id)
    .bind(&user.username)
    .bind(now_ms())
    .fetch_one(&mut **tx)
    .await?;
    audit::append_tx(
        tx,
        Some(form_id),
        user.id,
        &user.username,
        "comment",
        &Value::Null,
        &json!({"id": id, "cell": cell, "text": text}),
    )
    .await?;
    Ok(id)
}

impl Store {
    /// The findings of a form's current version, each with `id` and `triage` (null when open).
    pub async fn list_findings(&self, user: &User, form_id: i64) -> Result<Vec<Value>> {
        self.form_summary(user, form_id).await?;
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT fid, body FROM findings WHERE form_id = $1")
                .bind(form_id)
                .fetch_all(&self.pool)
                .await?;
        let triage: Vec<(String, String, Option<String>, i64, i64)> =
            sqlx::query_as("SELECT fid, state, reason, user_id, at FROM triage WHERE form_id = $1")
                .bind(form_id)
                .fetch_all(&self.pool)
                .await?;
        let mut out: Vec<Value> = rows
            .iter()
            .filter_map(|(fid, body)| {
                let mut v: Value = serde_json::from_str(body).ok()?;
                let t = triage.iter().find(|t| &t.0 == fid);
                v["triage"] = t.map_or(
                    Value::Null,
                    |t| json!({"state": t.1, "reason": t.2, "user_id": t.3, "at": t.4}),
                );
                Some(v)
            })
            .collect();
        out.sort_by_key(|v| (v["line"].as_u64(), v["id"].as_str().map(str::to_string)));
        Ok(out)
    }

    /// Set the triage state of finding `fid`; accepted and dismissed need a reason.
    pub async fn triage_finding(
        &self,
        user: &User,
        form_id: i64,
        fid: &str,
        state: &str,
        reason: Option<&str>,
    ) -> Result<Value> {
        self.form_summary(user, form_id).await?;
        if !TRIAGE_STATES.contains(&state) {
            return Err(StoreError::Invalid(format!(
                "处理状态应为 open、accepted、dismissed 或 fixed，而不是“{state}”"
            )));
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if matches!(state, "accepted" | "dismissed") && reason.is_none() {
            return Err(StoreError::Invalid("接受或驳回问题时必须说明理由".into()));
        }
        let exists: Option<String> =
            sqlx::query_scalar("SELECT fid FROM findings WHERE form_id = $1 AND fid = $2")
                .bind(form_id)
                .bind(fid)
                .fetch_optional(&self.pool)
                .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!("问题 {fid}")));
        }
        let mut tx = self.pool.begin().await?;
        let before: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT state, reason FROM triage WHERE form_id = $1 AND fid = $2")
                .bind(form_id)
                .bind(fid)
                .fetch_optional(&mut *tx)
                .await?;
        sqlx::query("DELETE FROM triage WHERE form_id = $1 AND fid = $2")
            .bind(form_id)
            .bind(fid)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO triage (form_id, fid, state, reason, user_id, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(form_id)
        .bind(fid)
        .bind(state)
        .bind(reason)
        .bind(user.id)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        let after = json!({"finding": fid, "state": state, "reason": reason});
        let before = before.map_or(
            Value::Null,
            |(s, r)| json!({"finding": fid, "state": s, "reason": r}),
        );
        audit::append_tx(
            &mut tx,
            Some(form_id),
            user.id,
            &user.username,
            "triage",
            &before,
            &after,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Set the reviewer score of indicator row `indicator` (supervisor and finance_admin only).
    pub async fn set_review_score(
        &self,
        user: &User,
        form_id: i64,
        indicator: i64,
        score: &str,
        note: Option<&str>,
    ) -> Result<ReviewScore> {
        let form = self.get_form(user, form_id).await?;
        if user.role == Role::Filer {
            return Err(StoreError::Forbidden("填报人不能给复核分".into()));
        }
        let n = form.body["indicators"].as_array().map_or(0, |a| a.len()) as i64;
        if indicator < 0 || indicator >= n {
            return Err(StoreError::Invalid(format!(
                "指标行 {indicator} 不存在：本表有 {n} 行指标（从 0 起编号）"
            )));
        }
        let d = Decimal::from_str(score.trim())
            .map_err(|_| StoreError::Invalid(format!("复核分“{score}”不是数字")))?;
        if d.is_sign_negative() {
            return Err(StoreError::Invalid("复核分不能为负".into()));
        }
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM review_scores WHERE form_id = $1 AND indicator = $2")
            .bind(form_id)
            .bind(indicator)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO review_scores (form_id, indicator, score, note, user_id, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(form_id)
        .bind(indicator)
        .bind(d.to_string())
        .bind(note)
        .bind(user.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        audit::append_tx(
            &mut tx,
            Some(form_id),
            user.id,
            &user.username,
            "review_score",
            &Value::Null,
            &json!({"indicator": indicator, "score": d.to_string(), "note": note}),
        )
        .await?;
        tx.commit().await?;
        Ok(ReviewScore {
            indicator,
            score: d.to_string(),
            note: note.map(str::to_string),
            user_id: user.id,
            at: now,
        })
    }

    /// Reviewer scores of a form.
    pub async fn review_scores(&self, user: &User, form_id: i64) -> Result<Vec<ReviewScore>> {
        self.form_summary(user, form_id).await?;
        let rows: Vec<(i64, String, Option<String>, i64, i64)> = sqlx::query_as(
            "SELECT indicator, score, note, user_id, at FROM review_scores WHERE form_id = $1 ORDER BY indicator",
        )
        .bind(form_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(indicator, score, note, user_id, at)| ReviewScore {
                indicator,
                score,
                note,
                user_id,
                at,
            })
            .collect())
    }

    /// Add a comment on a cell of a form.
    pub async fn add_comment(
        &self,
        user: &User,
        form_id: i64,
        cell: &str,
        text: &str,
    ) -> Result<Comment> {
        self.form_summary(user, form_id).await?;
        let mut tx = self.pool.begin().await?;
        let id = add_comment_tx(&mut tx, user, form_id, cell, text).await?;
        tx.commit().await?;
        Ok(Comment {
            id,
            cell: cell.to_string(),
            text: text.to_string(),
            user_id: user.id,
            username: user.username.clone(),
            at: now_ms(),
        })
    }

    /// Comments of a form, oldest first.
    pub async fn comments(&self, user: &User, form_id: i64) -> Result<Vec<Comment>> {
        self.form_summary(user, form_id).await?;
        let rows: Vec<(i64, String, String, i64, String, i64)> = sqlx::query_as(
            "SELECT id, cell, body, user_id, username, at FROM comments WHERE form_id = $1 ORDER BY id",
        )
        .bind(form_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, cell, text, user_id, username, at)| Comment {
                id,
                cell,
                text,
                user_id,
                username,
                at,
            })
            .collect())
    }

    /// The audit log of a form `user` may see, oldest first.
    pub async fn form_history(&self, user: &User, form_id: i64) -> Result<Vec<audit::AuditEntry>> {
        self.form_summary(user, form_id).await?;
        self.audit_of_form(form_id).await
    }
}
