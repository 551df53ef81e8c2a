//! Dashboards (ECharts), organisation and user management, bulk upload.

use crate::charts;
use crate::layout::role_zh;
use crate::lists::grade_zh;
use crate::pages::{AdminPage, DashboardPage, Ranked, Tile, UploadPage};
use crate::routes::{flash_text, forbidden, layout, render, store_error, to_login};
use axum::Form;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use jixiao_server::jixiao_store::imports::ImportFile;
use jixiao_server::jixiao_store::orgs::OrgKind;
use jixiao_server::jixiao_store::users::Role;
use jixiao_server::jixiao_store::{Result as StoreResult, StoreError};
use jixiao_server::{AppState, CurrentUser};
use serde::Deserialize;

/// `?year=` of the dashboard.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct YearQuery {
    pub year: String,
    pub msg: String,
}

async fn dashboard_page(
    state: &AppState,
    cu: &CurrentUser,
    q: &YearQuery,
) -> StoreResult<DashboardPage> {
    let year: Option<i64> = q.year.trim().parse().ok();
    let d = state.store.dashboard(&cu.user, year).await?;
    let scatter = charts::scatter_points(state, cu, year).await?;
    let mut ranked: Vec<Ranked> = d
        .by_unit
        .iter()
        .map(|u| Ranked {
            unit: u.unit_name.clone(),
            forms: u.forms,
            avg: u.avg_total.clone().unwrap_or_default(),
            errors: u.errors,
        })
        .collect();
    ranked.sort_by(|a, b| {
        let key = |r: &Ranked| r.avg.parse::<rust_decimal::Decimal>().ok();
        key(b).cmp(&key(a))
    });
    let errors: i64 = d.by_unit.iter().map(|u| u.errors).sum();
    let tiles = vec![
        Tile {
            label: "自评表".into(),
            count: d.forms.to_string(),
            href: String::new(),
        },
        Tile {
            label: "平均总分".into(),
            count: d.avg_total.clone().unwrap_or_else(|| "—".into()),
            href: String::new(),
        },
        Tile {
            label: "含错误的自评表".into(),
            count: errors.to_string(),
            href: String::new(),
        },
        Tile {
            label: "优秀（优）".into(),
            count: d
                .by_grade
                .iter()
                .find(|g| g.key.as_deref() == Some("excellent"))
                .map_or(0, |g| g.forms)
                .to_string(),
            href: String::new(),
        },
    ];
    let grades: Vec<(String, i64)> = d
        .by_grade
        .iter()
        .map(|g| {
            let name = g
                .key
                .as_deref()
                .map(grade_zh)
                .filter(|s| !s.is_empty())
                .unwrap_or("未评分");
            (name.to_string(), g.forms)
        })
        .collect();
    Ok(DashboardPage {
        layout: layout(cu, "/dashboard"),
        year: q.year.clone(),
        years: (2018..=2026).rev().map(|y: i32| y.to_string()).collect(),
        tiles,
        charts: vec![
            charts::grade_pie(&grades),
            charts::scatter(&scatter),
            charts::bars(
                "rules",
                "审核发现（按规则）",
                d.by_rule
                    .iter()
                    .take(15)
                    .map(|r| (r.code.clone(), r.findings))
                    .collect(),
            ),
            charts::bars(
                "units",
                "错误数（按单位）",
                d.by_unit
                    .iter()
                    .map(|u| (u.unit_name.clone(), u.errors))
                    .collect(),
            ),
            charts::years(
                &d.by_year
                    .iter()
                    .map(|y| {
                        (
                            y.year
                                .map(|v| v.to_string())
                                .unwrap_or_else(|| "未知".into()),
                            y.forms,
                            y.avg_total.clone(),
                        )
                    })
                    .collect::<Vec<_>>(),
            ),
        ],
        ranked,
    })
}

/// `GET /dashboard` (supervisors and the finance admin).
pub async fn dashboard(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Query(q): Query<YearQuery>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    if cu.user.role == Role::Filer {
        return forbidden(&cu);
    }
    match dashboard_page(&state, &cu, &q).await {
        Ok(p) => render(StatusCode::OK, &p),
        Err(e) => store_error(&cu, e, "/"),
    }
}

async fn admin_data(state: &AppState, cu: &CurrentUser, msg: &str) -> StoreResult<AdminPage> {
    let orgs = state.store.list_orgs().await?;
    let depth = |path: &str| path.matches('/').count().saturating_sub(2);
    let kind_zh = |k: OrgKind| match k {
        OrgKind::FinanceBureau => "财政局",
        OrgKind::Supervisor => "主管部门",
        OrgKind::Unit => "实施单位",
    };
    let mut sorted = orgs.clone();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let users = state.store.list_users().await?;
    let mut l = layout(cu, "/admin");
    l.flash = flash_text(msg);
    Ok(AdminPage {
        layout: l,
        orgs: sorted
            .iter()
            .map(|o| {
                (
                    depth(&o.path) * 2,
                    o.name.clone(),
                    kind_zh(o.kind).to_string(),
                )
            })
            .collect(),
        parents: sorted
            .iter()
            .map(|o| (o.id.to_string(), o.name.clone()))
            .collect(),
        users: users
            .iter()
            .map(|u| {
                (
                    u.username.clone(),
                    role_zh(u.role.code()).to_string(),
                    u.org_name.clone(),
                )
            })
            .collect(),
    })
}

/// `GET /admin` (finance admin only).
pub async fn admin_page(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Query(q): Query<YearQuery>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    if cu.user.role != Role::FinanceAdmin {
        return forbidden(&cu);
    }
    match admin_data(&state, &cu, &q.msg).await {
        Ok(p) => render(StatusCode::OK, &p),
        Err(e) => store_error(&cu, e, "/"),
    }
}

/// The new-organisation form.
#[derive(Debug, Deserialize)]
pub struct NewOrg {
    pub parent: i64,
    pub name: String,
    pub kind: String,
}

/// `POST /admin/orgs`.
pub async fn create_org(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Form(f): Form<NewOrg>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    if cu.user.role != Role::FinanceAdmin {
        return forbidden(&cu);
    }
    let kind = OrgKind::parse(&f.kind).unwrap_or(OrgKind::Unit);
    match state
        .store
        .create_org(Some(f.parent), kind, f.name.trim())
        .await
    {
        Ok(_) => Redirect::to("/admin?msg=org").into_response(),
        Err(e) => store_error(&cu, e, "/admin"),
    }
}

/// The new-user form.
#[derive(Debug, Deserialize)]
pub struct NewUser {
    pub username: String,
    pub password: String,
    pub role: String,
    pub org: i64,
}

/// `POST /admin/users`.
pub async fn create_user(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Form(f): Form<NewUser>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    if cu.user.role != Role::FinanceAdmin {
        return forbidden(&cu);
    }
    let Some(role) = Role::parse(&f.role) else {
        return store_error(
            &cu,
            StoreError::Invalid(format!("未知角色 {}", f.role)),
            "/admin",
        );
    };
    match state
        .store
        .create_user(&f.username, &f.username, role, f.org, &f.password)
        .await
    {
        Ok(_) => Redirect::to("/admin?msg=user").into_response(),
        Err(e) => store_error(&cu, e, "/admin"),
    }
}

/// `GET /upload`.
pub async fn upload_page(cu: Option<CurrentUser>) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    render(
        StatusCode::OK,
        &UploadPage {
            layout: layout(&cu, "/upload"),
            result: String::new(),
        },
    )
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `POST /upload?csrf_token=…` (multipart, field `files`): import all or nothing; the per-file
/// report as an HTML fragment (htmx) or inside the upload page (plain form post).
pub async fn upload(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    headers: axum::http::HeaderMap,
    mut mp: Multipart,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    let mut uploads: Vec<(String, Vec<u8>)> = Vec::new();
    loop {
        match mp.next_field().await {
            Ok(Some(field)) => {
                if field.name() != Some("files") {
                    continue;
                }
                let name = field.file_name().unwrap_or("未命名文件").to_string();
                match field.bytes().await {
                    Ok(b) if !b.is_empty() => uploads.push((name, b.to_vec())),
                    Ok(_) => {}
                    Err(e) => {
                        return store_error(
                            &cu,
                            StoreError::Invalid(format!("上传失败（单次最多 50 MB）：{e}")),
                            "/upload",
                        );
                    }
                }
            }
            Ok(None) => break,
            Err(e) => {
                return store_error(
                    &cu,
                    StoreError::Invalid(format!("上传内容无法解析：{e}")),
                    "/upload",
                );
            }
        }
    }
    let html = if uploads.is_empty() {
        "<p class=\"error\">没有收到文件，请先选择文件。</p>".to_string()
    } else {
        let files = tokio::task::spawn_blocking(move || {
            uploads
                .into_iter()
                .map(|(name, bytes)| ImportFile {
                    forms: jixiao_io::read_forms(&name, &bytes, &Default::default()),
                    name,
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        match state.store.import(&cu.user, files).await {
            Ok(r) => {
                let mut h = if r.imported {
                    format!(
                        "<div class=\"panel\"><h2 class=\"ok\">已导入 {} 份自评表</h2><ul>",
                        r.forms
                    )
                } else {
                    "<div class=\"panel\"><h2 class=\"error\">没有导入：这一批有文件不能导入，请改正后整批重新上传</h2><ul>".to_string()
                };
                for f in &r.files {
                    let links: Vec<String> = f
                        .form_ids
                        .iter()
                        .map(|id| format!("<a href=\"/forms/{id}\">{id}</a>"))
                        .collect();
                    h.push_str(&format!(
                        "<li>{}：读到 {} 份{}{}</li>",
                        esc(&f.file),
                        f.forms,
                        if links.is_empty() {
                            String::new()
                        } else {
                            format!("（{}）", links.join("、"))
                        },
                        f.error
                            .as_deref()
                            .map(|e| format!(" <span class=\"error\">{}</span>", esc(e)))
                            .unwrap_or_default()
                    ));
                }
                h.push_str("</ul></div>");
                h
            }
            Err(e) => format!("<p class=\"error\">{}</p>", esc(&e.to_string())),
        }
    };
    if headers.contains_key("hx-request") {
        Html(html).into_response()
    } else {
        render(
            StatusCode::OK,
            &UploadPage {
                layout: layout(&cu, "/upload"),
                result: html,
            },
        )
    }
}
