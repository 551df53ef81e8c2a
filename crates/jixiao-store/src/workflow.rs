//! The review workflow: draft → submitted → in_review → returned → resubmitted → in_review →
//! approved → published, and who may move a form along it.

use crate::users::{Role, User};
use serde::Serialize;

/// The workflow status of a form (not to be confused with the reading status of the check).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Submitted,
    InReview,
    Returned,
    Resubmitted,
    Approved,
    Published,
}

impl Status {
    /// Every status, in workflow order.
    pub const ALL: [Status; 7] = [
        Status::Draft,
        Status::Submitted,
        Status::InReview,
        Status::Returned,
        Status::Resubmitted,
        Status::Approved,
        Status::Published,
    ];

    /// The stable code stored and shown in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::InReview => "in_review",
            Status::Returned => "returned",
            Status::Resubmitted => "resubmitted",
            Status::Approved => "approved",
            Status::Published => "published",
        }
    }

    /// Parse a code.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.code() == s)
    }

    /// The form's content may be edited in this status.
    pub fn editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }

    /// 中文名.
    pub fn chinese(self) -> &'static str {
        match self {
            Status::Draft => "草稿",
            Status::Submitted => "已提交",
            Status::InReview => "审核中",
            Status::Returned => "已退回",
            Status::Resubmitted => "已重新提交",
            Status::Approved => "已通过",
            Status::Published => "已公开",
        }
    }
}

/// A workflow transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Submit,
    StartReview,
    Return,
    Resubmit,
    Approve,
    Publish,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 6] = [
        Action::Submit,
        Action::StartReview,
        Action::Return,
        Action::Resubmit,
        Action::Approve,
        Action::Publish,
    ];

    /// The stable code (also the URL segment with `_` → `-`).
    pub fn code(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::StartReview => "start_review",
            Action::Return => "return",
            Action::Resubmit => "resubmit",
            Action::Approve => "approve",
            Action::Publish => "publish",
        }
    }

    /// Parse a code or URL segment (`start-review` or `start_review`).
    pub fn parse(s: &str) -> Option<Action> {
        let s = s.replace('-', "_");
        Action::ALL.into_iter().find(|a| a.code() == s)
    }

    /// The statuses this action starts from and the status it leads to.
    pub fn transition(self) -> (&'static [Status], Status) {
        match self {
            Action::Submit => (&[Status::Draft], Status::Submitted),
            Action::StartReview => (&[Status::Submitted, Status::Resubmitted], Status::InReview),
            Action::Return => (&[Status::InReview], Status::Returned),
            Action::Resubmit => (&[Status::Returned], Status::Resubmitted),
            Action::Approve => (&[Status::InReview], Status::Approved),
            Action::Publish => (&[Status::Approved], Status::Published),
        }
    }

    /// Whether `role` may take this action at all (scope is checked separately).
    pub fn allowed_for(self, role: Role) -> bool {
        match self {
            Action::Submit | Action::Resubmit => true,
            Action::StartReview | Action::Return | Action::Approve => {
                matches!(role, Role::Supervisor | Role::FinanceAdmin)
            }
            Action::Publish => role == Role::FinanceAdmin,
        }
    }

    /// Whether `user` may take this action (role only; callers check the unit scope).
    pub fn permitted(self, user: &User) -> bool {
        self.allowed_for(user.role)
    }

    /// 中文名.
    pub fn chinese(self) -> &'static str {
        match self {
            Action::Submit => "提交",
            Action::StartReview => "开始审核",
            Action::Return => "退回",
            Action::Resubmit => "重新提交",
            Action::Approve => "审核通过",
            Action::Publish => "公开",
        }
    }
}

/// Who may edit a form's content: anyone who sees the unit, while the form is editable.
pub fn may_edit(_user: &User, status: Status) -> bool {
    status.editable()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reachable_from_draft() {
        let mut seen = vec![Status::Draft];
        let mut changed = true;
        while changed {
            changed = false;
            for a in Action::ALL {
                let (from, to) = a.transition();
                if from.iter().any(|f| seen.contains(f)) && !seen.contains(&to) {
                    seen.push(to);
                    changed = true;
                }
            }
        }
        assert_eq!(seen.len(), Status::ALL.len());
    }

    #[test]
    fn filer_cannot_review_or_publish() {
        assert!(!Action::Approve.allowed_for(Role::Filer));
        assert!(!Action::Publish.allowed_for(Role::Supervisor));
        assert!(Action::Publish.allowed_for(Role::FinanceAdmin));
        assert_eq!(Action::parse("start-review"), Some(Action::StartReview));
    }
}

use crate::forms::FormSummary;
use crate::{Result, Store, StoreError, audit, now_ms};

/// A comment on one cell, given when returning a form (`indicators/3/actual`).
#[derive(Debug, Clone, serde::Deserialize, Serialize)]
pub struct CellComment {
    pub cell: String,
    pub text: String,
}

impl Store {
    /// Error-level findings of a form that are neither accepted nor dismissed with a reason.
    pub async fn blocking_findings(&self, form_id: i64) -> Result<Vec<serde_json::Value>> {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT body FROM findings WHERE form_id = $1 AND severity = 'error' AND fid NOT IN \
             (SELECT fid FROM triage WHERE form_id = $1 AND state IN ('accepted', 'dismissed')) ORDER BY fid",
        )
        .bind(form_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .filter_map(|s| serde_json::from_str(s).ok())
            .collect())
    }

    /// Move form `id` along the workflow by `action`, with optional per-cell comments (return).
    pub async fn transition(
        &self,
        user: &User,
        id: i64,
        action: Action,
        comments: &[CellComment],
    ) -> Result<FormSummary> {
        let current = self.form_summary(user, id).await?;
        if !action.permitted(user) {
            return Err(StoreError::Forbidden(format!(
                "{}角色不能“{}”",
                user.role.code(),
                action.chinese()
            )));
        }
        let (from, to) = action.transition();
        let status = Status::parse(&current.status).unwrap_or(Status::Draft);
        if !from.contains(&status) {
            return Err(StoreError::Unprocessable {
                message: format!(
                    "自评表处于“{}”状态，不能“{}”",
                    status.chinese(),
                    action.chinese()
                ),
                details: serde_json::json!({"status": status.code(), "action": action.code()}),
            });
        }
        if matches!(action, Action::Submit | Action::Resubmit) {
            let open = self.blocking_findings(id).await?;
            if !open.is_empty() {
                return Err(StoreError::Unprocessable {
                    message: format!(
                        "还有 {} 个错误级问题未处理：请修正，或逐条说明理由后接受",
                        open.len()
                    ),
                    details: serde_json::json!({"findings": open}),
                });
            }
        }
        let mut tx = self.pool.begin().await?;
        // Lock the row (and check the status) first, then move it between aggregate rows.
        let locked = sqlx::query("UPDATE forms SET status = status WHERE id = $1 AND status = $2")
            .bind(id)
            .bind(status.code())
            .execute(&mut *tx)
            .await?;
        if locked.rows_affected() == 0 {
            tx.rollback().await?;
            return Err(StoreError::Conflict {
                current_version: current.version,
            });
        }
        crate::agg::form_out_tx(&mut tx, id).await?;
        sqlx::query("UPDATE forms SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(to.code())
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        crate::agg::form_in_tx(&mut tx, id).await?;
        audit::append_tx(
            &mut tx,
            Some(id),
            user.id,
            &user.username,
            action.code(),
            &serde_json::json!({"status": status.code()}),
            &serde_json::json!({"status": to.code()}),
        )
        .await?;
        for c in comments {
            crate::findings::add_comment_tx(&mut tx, user, id, &c.cell, &c.text).await?;
        }
        tx.commit().await?;
        self.form_summary(user, id).await
    }
}
