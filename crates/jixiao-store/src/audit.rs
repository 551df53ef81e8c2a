//! The append-only audit log. Form-changing entries carry a before/after pair of partial JSON
//! documents over the audited form state `{"status", "version", "form"}`: `after` applied to
//! the state before the entry (see [`apply_patch`]) gives the state after it, so replaying a
//! form's entries in order from `{}` rebuilds the stored form. Other entries (triage, reviewer
//! scores, comments) carry the object they changed.

use crate::{Result, Store, now_ms};
use serde::Serialize;
use serde_json::{Map, Value};

/// Actions whose before/after are patches of the form state (replayable).
pub const FORM_ACTIONS: &[&str] = &[
    "create",
    "import",
    "update",
    "submit",
    "start_review",
    "return",
    "resubmit",
    "approve",
    "publish",
];

/// An audit row as selected.
type AuditRow = (
    i64,
    Option<i64>,
    Option<i64>,
    String,
    i64,
    String,
    Option<String>,
    Option<String>,
);

/// One audit log entry.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub form_id: Option<i64>,
    pub user_id: Option<i64>,
    pub username: String,
    pub at: i64,
    pub action: String,
    pub before: Value,
    pub after: Value,
}

/// The minimal pair (before, after) of partial documents that turns `a` into `b`.
/// Objects with the same keys are compared key by key; anything else is replaced whole.
pub fn diff(a: &Value, b: &Value) -> (Value, Value) {
    match (a, b) {
        (Value::Object(x), Value::Object(y))
            if x.len() == y.len() && x.keys().all(|k| y.contains_key(k)) =>
        {
            let mut before = Map::new();
            let mut after = Map::new();
            for (k, va) in x {
                let vb = &y[k];
                if va != vb {
                    let (pb, pa) = diff(va, vb);
                    before.insert(k.clone(), pb);
                    after.insert(k.clone(), pa);
                }
            }
            (Value::Object(before), Value::Object(after))
        }
        (Value::Object(_), Value::Object(_)) => (
            serde_json::json!({REPLACE: a}),
            serde_json::json!({REPLACE: b}),
        ),
        _ => (a.clone(), b.clone()),
    }
}

/// Marks an object replaced whole (its keys changed): `{"$replace": new}`.
pub const REPLACE: &str = "$replace";

/// Apply a partial document produced by [`diff`] to `doc`.
pub fn apply_patch(doc: &mut Value, patch: &Value) {
    if let Some(whole) = patch
        .as_object()
        .filter(|p| p.len() == 1)
        .and_then(|p| p.get(REPLACE))
    {
        *doc = whole.clone();
        return;
    }
    match (doc, patch) {
        (Value::Object(d), Value::Object(p)) => {
            for (k, v) in p {
                let slot = d.entry(k.clone()).or_insert(Value::Null);
                let replace = v
                    .as_object()
                    .is_some_and(|o| o.len() == 1 && o.contains_key(REPLACE));
                if v.is_object() && (slot.is_object() || replace) {
                    apply_patch(slot, v);
                } else {
                    *slot = v.clone();
                }
            }
        }
        (d, p) => *d = p.clone(),
    }
}

/// The audited state of a form.
pub fn form_state(status: &str, version: i64, body: &Value) -> Value {
    serde_json::json!({"status": status, "version": version, "form": body})
}

/// Append an entry inside a transaction.
#[allow(clippy::too_many_arguments)]
pub async fn append_tx(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    form_id: Option<i64>,
    user_id: i64,
    username: &str,
    action: &str,
    before: &Value,
    after: &Value,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit (form_id, user_id, username, at, action, before_json, after_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(form_id)
    .bind(user_id)
    .bind(username)
    .bind(now_ms())
    .bind(action)
    .bind(before.to_string())
    .bind(after.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Every audit entry of a form, oldest first (no access check: see `form_history`).
    pub async fn audit_of_form(&self, form_id: i64) -> Result<Vec<AuditEntry>> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT id, form_id, user_id, username, at, action, before_json, after_json \
                 FROM audit WHERE form_id = $1 ORDER BY id",
        )
        .bind(form_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(id, form_id, user_id, username, at, action, b, a)| AuditEntry {
                    id,
                    form_id,
                    user_id,
                    username,
                    at,
                    action,
                    before: b
                        .and_then(|s| serde_json::from_str(&s).ok())
                        .unwrap_or(Value::Null),
                    after: a
                        .and_then(|s| serde_json::from_str(&s).ok())
                        .unwrap_or(Value::Null),
                },
            )
            .collect())
    }
}

/// Replay the form-state entries of a log from nothing.
pub fn replay(entries: &[AuditEntry]) -> Value {
    let mut doc = Value::Object(Map::new());
    for e in entries {
        if FORM_ACTIONS.contains(&e.action.as_str()) {
            apply_patch(&mut doc, &e.after);
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_then_apply_round_trips() {
        let a = json!({"s": "draft", "f": {"x": 1, "y": {"k": [1, 2]}, "d": {"why": "a"}}});
        let b = json!({"s": "submitted", "f": {"x": 1, "y": {"k": [1, 3]}, "d": {"stops_in": "b", "line": 2}}});
        let (before, after) = diff(&a, &b);
        assert_eq!(
            before,
            json!({"s": "draft", "f": {"y": {"k": [1, 2]}, "d": {"$replace": {"why": "a"}}}})
        );
        let mut doc = a.clone();
        apply_patch(&mut doc, &after);
        assert_eq!(doc, b);
        let mut back = b.clone();
        apply_patch(&mut back, &before);
        assert_eq!(back, a);
    }
}
