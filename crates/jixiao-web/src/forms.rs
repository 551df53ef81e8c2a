//! One form's pages: the editor (filer), the review page (supervisor, finance admin), the live
//! preview, save (with the version read), submit, explanations of errors, review, workflow.

use crate::editor::EditorPage;
use crate::layout::status_zh;
use crate::preview::{PreviewFragments, recheck};
use crate::routes::{flash_text, layout, render, store_error, to_login};
use crate::view::{finding_ids, form_view};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use jixiao_core::model::Form as CoreForm;
use jixiao_core::output::json::form_from_json;
use jixiao_core::pipeline::{CheckOptions, CheckedForm};
use jixiao_server::exports::{Format, form_download};
use jixiao_server::jixiao_store::users::Role;
use jixiao_server::jixiao_store::workflow::{Action, CellComment, Status};
use jixiao_server::jixiao_store::{StoreError, forms::StoredForm};
use jixiao_server::{AppState, CurrentUser};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

/// Submitted form fields, in order.
type Fields = Vec<(String, String)>;

/// `?msg=` after a redirect.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Msg {
    pub msg: String,
}

fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn stored_form(s: &StoredForm) -> Result<CoreForm, StoreError> {
    form_from_json(&s.body).map_err(|e| StoreError::Invalid(format!("存储的自评表无法读取：{e}")))
}

/// Mark findings triaged in the store as accepted (with the reason), by finding id.
async fn apply_triage(state: &AppState, cu: &CurrentUser, id: i64, c: &mut CheckedForm) {
    let Ok(list) = state.store.list_findings(&cu.user, id).await else {
        return;
    };
    let reasons: HashMap<String, String> = list
        .iter()
        .filter_map(|v| {
            let t = v.get("triage")?;
            let state = t.get("state")?.as_str()?;
            if !matches!(state, "accepted" | "dismissed") {
                return None;
            }
            let label = if state == "accepted" {
                "接受"
            } else {
                "驳回"
            };
            let reason = t.get("reason").and_then(Value::as_str).unwrap_or("");
            Some((
                v.get("id")?.as_str()?.to_string(),
                format!("{label}：{reason}"),
            ))
        })
        .collect();
    let fids = finding_ids(&c.findings);
    for (f, fid) in c.findings.iter_mut().zip(fids) {
        if let Some(r) = reasons.get(&fid) {
            f.accepted = Some(r.clone());
        }
    }
}

/// The editor or review page of a stored form.
async fn page(
    state: &AppState,
    cu: &CurrentUser,
    id: i64,
    msg: &str,
) -> Result<Response, StoreError> {
    let s = state.store.get_form(&cu.user, id).await?;
    let form = stored_form(&s)?;
    let mut c = jixiao_core::pipeline::check_form_with(form, &CheckOptions::default());
    apply_triage(state, cu, id, &mut c).await;
    let mut v = form_view(&c);
    let mut comments_form = Vec::new();
    for cm in state.store.comments(&cu.user, id).await? {
        let text = format!("{}：{}", cm.username, cm.text);
        let mut parts = cm.cell.split('/');
        let (kind, row) = (
            parts.next(),
            parts.next().and_then(|r| r.parse::<usize>().ok()),
        );
        match (kind, row) {
            (Some("indicators"), Some(k)) if k < v.indicators.len() => {
                v.indicators[k].comments.push(text)
            }
            (Some("funds"), Some(k)) if k < v.funds.len() => v.funds[k].comments.push(text),
            _ => comments_form.push(text),
        }
    }
    let status = Status::parse(&s.summary.status).unwrap_or(Status::Draft);
    let is_filer = cu.user.role == Role::Filer;
    let editable = is_filer && status.editable();
    let reviewing = !is_filer && status == Status::InReview;
    if !is_filer {
        for rs in state.store.review_scores(&cu.user, id).await? {
            if let Some(i) = v.indicators.get_mut(rs.indicator as usize) {
                i.review_score = rs.score.clone();
            }
        }
    }
    let actions = Action::ALL
        .into_iter()
        .filter(|a| a.permitted(&cu.user) && a.transition().0.contains(&status))
        .filter(|a| {
            !matches!(
                a,
                Action::Submit | Action::Resubmit | Action::Return | Action::Approve
            )
        })
        .map(|a| (a.code().replace('_', "-"), a.chinese().to_string()))
        .collect();
    let mut l = layout(cu, if is_filer { "/forms" } else { "/queue" });
    l.flash = flash_text(msg);
    let p = EditorPage {
        layout: l,
        base: format!("/forms/{id}"),
        version: s.summary.version,
        status: status.code().to_string(),
        status_zh: status_zh(status.code()).to_string(),
        v,
        editable,
        reviewing,
        can_submit: editable,
        comments_form,
        ro: if editable { "" } else { "readonly" },
        actions,
    };
    Ok(render(StatusCode::OK, &p))
}

/// `GET /forms/{id}`.
pub async fn show(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Path(id): Path<i64>,
    Query(m): Query<Msg>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    page(&state, &cu, id, &m.msg)
        .await
        .unwrap_or_else(|e| store_error(&cu, e, "/"))
}

/// `POST /forms/{id}/preview`: the recomputed cells and findings as out-of-band fragments.
pub async fn preview(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    let Some(cu) = cu else {
        return (StatusCode::UNAUTHORIZED, "请重新登录").into_response();
    };
    let s = match state.store.get_form(&cu.user, id).await {
        Ok(s) => s,
        Err(e) => return (StatusCode::NOT_FOUND, e.to_string()).into_response(),
    };
    let form = match stored_form(&s) {
        Ok(f) => f,
        Err(e) => return (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response(),
    };
    let (mut c, field_errors) = recheck(
        form,
        fields.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        &CheckOptions::default(),
    );
    apply_triage(&state, &cu, id, &mut c).await;
    let p = PreviewFragments {
        v: form_view(&c),
        field_errors,
    };
    match p.render() {
        Ok(h) => Html(h).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// Apply the fields to the stored form and save it at the version the page was read at.
async fn save_fields(
    state: &AppState,
    cu: &CurrentUser,
    id: i64,
    fields: &Fields,
) -> Result<(), StoreError> {
    let s = state.store.get_form(&cu.user, id).await?;
    let version: i64 = field(fields, "version")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| StoreError::Invalid("缺少版本号：请刷新页面后再保存".into()))?;
    let form = stored_form(&s)?;
    let (c, errors) = recheck(
        form,
        fields.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        &CheckOptions::default(),
    );
    if let Some(e) = errors.first() {
        return Err(StoreError::Invalid(format!(
            "{}（字段 {}）",
            e.message, e.field
        )));
    }
    state.store.save_form(&cu.user, id, version, c.form).await?;
    Ok(())
}

/// `POST /forms/{id}/save`.
pub async fn save(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    match save_fields(&state, &cu, id, &fields).await {
        Ok(()) => Redirect::to(&format!("/forms/{id}?msg=saved")).into_response(),
        Err(e) => store_error(&cu, e, &format!("/forms/{id}")),
    }
}

async fn submit_now(
    state: &AppState,
    cu: &CurrentUser,
    id: i64,
) -> Result<&'static str, StoreError> {
    let s = state.store.form_summary(&cu.user, id).await?;
    let action = if s.status == Status::Returned.code() {
        Action::Resubmit
    } else {
        Action::Submit
    };
    state.store.transition(&cu.user, id, action, &[]).await?;
    Ok(if action == Action::Resubmit {
        "resubmitted"
    } else {
        "submitted"
    })
}

/// `POST /forms/{id}/submit`: save, then submit (or resubmit a returned form).
pub async fn submit(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    let back = format!("/forms/{id}");
    if let Err(e) = save_fields(&state, &cu, id, &fields).await {
        return store_error(&cu, e, &back);
    }
    match submit_now(&state, &cu, id).await {
        Ok(m) => Redirect::to(&format!("/forms/{id}?msg={m}")).into_response(),
        Err(e) => store_error(&cu, e, &back),
    }
}

/// `POST /forms/{id}/explain`: accept each open error with the filer's reason, then submit.
pub async fn explain(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    let back = format!("/forms/{id}");
    for (k, v) in &fields {
        if let Some(fid) = k.strip_prefix("x.") {
            if v.trim().is_empty() {
                continue;
            }
            if let Err(e) = state
                .store
                .triage_finding(&cu.user, id, fid, "accepted", Some(v))
                .await
            {
                return store_error(&cu, e, &back);
            }
        }
    }
    match submit_now(&state, &cu, id).await {
        Ok(m) => Redirect::to(&format!("/forms/{id}?msg={m}")).into_response(),
        Err(e) => store_error(&cu, e, &back),
    }
}

/// `POST /forms/{id}/review`: triage, 复核分, comments per row; then save, return or approve.
pub async fn review(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    let back = format!("/forms/{id}");
    let mut comments = Vec::new();
    for (k, v) in &fields {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        let r = if let Some(fid) = k.strip_prefix("t.") {
            let reason = field(&fields, &format!("tr.{fid}"));
            state
                .store
                .triage_finding(&cu.user, id, fid, v, reason)
                .await
                .map(|_| ())
        } else if let Some(row) = k.strip_prefix("rs.").and_then(|r| r.parse::<i64>().ok()) {
            state
                .store
                .set_review_score(&cu.user, id, row, v, None)
                .await
                .map(|_| ())
        } else if let Some(row) = k.strip_prefix("rc.") {
            comments.push(CellComment {
                cell: format!("indicators/{row}/actual"),
                text: v.to_string(),
            });
            Ok(())
        } else if k == "comment" {
            comments.push(CellComment {
                cell: "form".into(),
                text: v.to_string(),
            });
            Ok(())
        } else {
            Ok(())
        };
        if let Err(e) = r {
            return store_error(&cu, e, &back);
        }
    }
    let action = field(&fields, "action").unwrap_or("save");
    let result = match action {
        "return" => {
            if comments.is_empty() {
                Err(StoreError::Invalid(
                    "退回时请至少写一条批注，说明要改什么".into(),
                ))
            } else {
                state
                    .store
                    .transition(&cu.user, id, Action::Return, &comments)
                    .await
                    .map(|_| "returned")
            }
        }
        "approve" => {
            let mut r = Ok("approved");
            for c in &comments {
                if let Err(e) = state
                    .store
                    .add_comment(&cu.user, id, &c.cell, &c.text)
                    .await
                {
                    r = Err(e);
                }
            }
            match r {
                Ok(_) => state
                    .store
                    .transition(&cu.user, id, Action::Approve, &[])
                    .await
                    .map(|_| "approved"),
                Err(e) => Err(e),
            }
        }
        _ => {
            let mut r = Ok("review_saved");
            for c in &comments {
                if let Err(e) = state
                    .store
                    .add_comment(&cu.user, id, &c.cell, &c.text)
                    .await
                {
                    r = Err(e);
                }
            }
            r
        }
    };
    match result {
        Ok(m) => Redirect::to(&format!("/forms/{id}?msg={m}")).into_response(),
        Err(e) => store_error(&cu, e, &back),
    }
}

/// `POST /forms/{id}/action/{action}`: start-review, publish (and the others, for completeness).
pub async fn action(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Path((id, action)): Path<(i64, String)>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    let back = format!("/forms/{id}");
    let Some(a) = Action::parse(&action) else {
        return store_error(&cu, StoreError::NotFound(format!("操作 {action}")), &back);
    };
    let msg = match a {
        Action::StartReview => "started",
        Action::Publish => "published",
        Action::Approve => "approved",
        Action::Submit => "submitted",
        Action::Resubmit => "resubmitted",
        Action::Return => "returned",
    };
    match state.store.transition(&cu.user, id, a, &[]).await {
        Ok(_) => Redirect::to(&format!("/forms/{id}?msg={msg}")).into_response(),
        Err(e) => store_error(&cu, e, &back),
    }
}

/// `GET /forms/{id}/export.json`: the stored form in the check JSON shape, as a download.
pub async fn export_json(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Path(id): Path<i64>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    match state.store.get_form(&cu.user, id).await {
        Ok(s) => {
            let mut body = s.body;
            body["id"] = Value::from(id);
            body["version"] = Value::from(s.summary.version);
            body["read_status"] = body["status"].clone();
            body["status"] = Value::from(s.summary.status);
            let text = serde_json::to_string_pretty(&body).unwrap_or_default();
            (
                [
                    (
                        header::CONTENT_TYPE,
                        "application/json; charset=utf-8".to_string(),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"jixiao-form-{id}.json\""),
                    ),
                ],
                text,
            )
                .into_response()
        }
        Err(e) => store_error(&cu, e, "/"),
    }
}

/// `GET /forms/{id}/download/{format}`: the form as xlsx / pdf / csv (zip) / parquet (zip) /
/// json, named after its project (scope-checked like opening it: another unit's form is 404).
pub async fn download(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Path((id, format)): Path<(i64, String)>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    let back = format!("/forms/{id}");
    let result = match Format::parse(Some(&format)) {
        Ok(format) => form_download(&state.store, &cu.user, id, format).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(d) => d.into_response(),
        Err(e) => store_error(&cu, e, &back),
    }
}
