//! Lists: the home page per role, the filer's forms, the review queue (filters, risk sort,
//! batch actions), exports. Every list pages in SQL (`Store::list_forms`).

use crate::layout::status_zh;
use crate::pages::{Filters, FormRow, HomePage, ListPage, Section, Tile};
use crate::routes::{flash_text, forbidden, layout, message, render, store_error, to_login};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use jixiao_server::exports::{Format, batch_download};
use jixiao_server::jixiao_store::forms::{FormFilter, FormSummary};
use jixiao_server::jixiao_store::users::Role;
use jixiao_server::jixiao_store::workflow::{Action, Status};
use jixiao_server::jixiao_store::{Result as StoreResult, Store, StoreError, users::User};
use jixiao_server::{AppState, CurrentUser};

/// Rows per list page.
pub const PER_PAGE: i64 = 50;

/// 优/良/中/差 for a grade code.
pub fn grade_zh(code: &str) -> &'static str {
    match code {
        "excellent" => "优",
        "good" => "良",
        "fair" => "中",
        "poor" => "差",
        _ => "",
    }
}

/// A list row from a stored summary.
pub fn row(s: &FormSummary) -> FormRow {
    FormRow {
        id: s.id,
        href: format!("/forms/{}", s.id),
        project_name: s
            .header
            .project_name
            .clone()
            .unwrap_or_else(|| format!("自评表 {}", s.id)),
        unit: s.unit_name.clone(),
        year: s.year.map(|y| y.to_string()).unwrap_or_default(),
        status: s.status.clone(),
        status_zh: status_zh(&s.status).to_string(),
        total: s.total.clone().unwrap_or_default(),
        grade: s.grade.as_deref().map(grade_zh).unwrap_or("").to_string(),
        errors: s.errors,
        warnings: s.warnings,
    }
}

/// Forms per workflow status the user sees (one aggregate query for all the home tiles).
struct Counts(Vec<(String, i64)>);

impl Counts {
    fn of(&self, statuses: &[&str]) -> i64 {
        self.0
            .iter()
            .filter(|(s, _)| statuses.contains(&s.as_str()))
            .map(|(_, n)| n)
            .sum()
    }
}

async fn top(
    store: &Store,
    user: &User,
    status: &str,
    sort: &str,
    n: i64,
) -> StoreResult<Vec<FormRow>> {
    let f = FormFilter {
        status: Some(status.to_string()),
        sort: Some(sort.to_string()),
        per_page: Some(n),
        ..Default::default()
    };
    Ok(store
        .list_forms(user, &f)
        .await?
        .items
        .iter()
        .map(row)
        .collect())
}

fn tile(label: &str, n: i64, href: &str) -> Tile {
    Tile {
        label: label.to_string(),
        count: n.to_string(),
        href: href.to_string(),
    }
}

async fn home_page(state: &AppState, cu: &CurrentUser) -> StoreResult<HomePage> {
    let st = &state.store;
    let u = &cu.user;
    let counts = Counts(st.status_counts(u).await?);
    let count = |statuses: &[&str]| counts.of(statuses);
    let (heading, tiles, sections) = match u.role {
        Role::Filer => {
            let tiles = vec![
                tile("待填报（草稿）", count(&["draft"]), "/forms?status=draft"),
                tile(
                    "被退回待修改",
                    count(&["returned"]),
                    "/forms?status=returned",
                ),
                tile(
                    "已提交待审核",
                    count(&["submitted", "resubmitted", "in_review"]),
                    "/forms",
                ),
                tile("已通过", count(&["approved"]), "/forms?status=approved"),
            ];
            let sections = vec![
                Section {
                    title: "被退回的自评表（请按意见修改后重新提交）".into(),
                    rows: top(st, u, "returned", "-updated_at", 20).await?,
                },
                Section {
                    title: "待填报的自评表".into(),
                    rows: top(st, u, "draft", "-errors", 20).await?,
                },
            ];
            (format!("{}：待办", u.org_name), tiles, sections)
        }
        Role::Supervisor | Role::FinanceAdmin => {
            let mut tiles = vec![
                tile(
                    "新提交待审核",
                    count(&["submitted"]),
                    "/queue?status=submitted",
                ),
                tile(
                    "重新提交待审核",
                    count(&["resubmitted"]),
                    "/queue?status=resubmitted",
                ),
                tile("审核中", count(&["in_review"]), "/queue?status=in_review"),
                tile(
                    "未提交（逾期未报）",
                    count(&["draft", "returned"]),
                    "/queue?status=draft",
                ),
            ];
            let mut sections = vec![
                Section {
                    title: "待审核（错误多的在前）".into(),
                    rows: top(st, u, "submitted", "-errors", 20).await?,
                },
                Section {
                    title: "重新提交".into(),
                    rows: top(st, u, "resubmitted", "-errors", 20).await?,
                },
                Section {
                    title: "仍未提交的单位（草稿）".into(),
                    rows: top(st, u, "draft", "-updated_at", 20).await?,
                },
            ];
            if u.role == Role::FinanceAdmin {
                tiles.push(tile(
                    "已通过待公开",
                    count(&["approved"]),
                    "/queue?status=approved",
                ));
                sections.insert(
                    0,
                    Section {
                        title: "已通过、待公开".into(),
                        rows: top(st, u, "approved", "-updated_at", 20).await?,
                    },
                );
            }
            (format!("{}：待办", u.org_name), tiles, sections)
        }
    };
    Ok(HomePage {
        layout: layout(cu, "/"),
        heading,
        tiles,
        sections,
    })
}

/// `GET /`: what needs the user's attention.
pub async fn home(State(state): State<AppState>, cu: Option<CurrentUser>) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    match home_page(&state, &cu).await {
        Ok(p) => render(StatusCode::OK, &p),
        Err(e) => store_error(&cu, e, "/"),
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The store filter for the page's filter fields.
pub fn store_filter(f: &Filters, per_page: i64) -> FormFilter {
    FormFilter {
        year: f.year.trim().parse().ok(),
        unit_id: f.unit.trim().parse().ok(),
        status: non_empty(&f.status),
        grade: non_empty(&f.grade),
        code: non_empty(&f.code).map(|c| c.to_ascii_uppercase()),
        severity: non_empty(&f.severity),
        q: None,
        sort: Some(non_empty(&f.sort).unwrap_or_else(|| "-errors".into())),
        page: Some(f.page.trim().parse().unwrap_or(1i64).max(1)),
        per_page: Some(per_page),
    }
}

fn query_of(f: &Filters, page: i64) -> String {
    let pairs = [
        ("year", &f.year),
        ("unit", &f.unit),
        ("status", &f.status),
        ("grade", &f.grade),
        ("code", &f.code),
        ("severity", &f.severity),
        ("sort", &f.sort),
    ];
    let mut q: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    if page > 1 {
        q.push(format!("page={page}"));
    }
    q.join("&")
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn list_page(
    state: &AppState,
    cu: &CurrentUser,
    f: Filters,
    queue: bool,
) -> StoreResult<ListPage> {
    let sf = store_filter(&f, PER_PAGE);
    let page = sf.page.unwrap_or(1);
    let res = state.store.list_forms(&cu.user, &sf).await?;
    let action = if queue { "/queue" } else { "/forms" };
    let href = |p: i64| {
        let q = query_of(&f, p);
        if q.is_empty() {
            action.to_string()
        } else {
            format!("{action}?{q}")
        }
    };
    let units = if cu.user.role == Role::Filer {
        Vec::new()
    } else {
        state
            .store
            .list_orgs()
            .await?
            .into_iter()
            .filter(|o| cu.user.sees(o))
            .map(|o| (o.id.to_string(), o.name))
            .collect()
    };
    let this_year = 2026;
    let mut l = layout(cu, action);
    l.flash = flash_text(&f.msg);
    Ok(ListPage {
        layout: l,
        heading: if queue {
            "审核队列".into()
        } else {
            format!("{}的自评表", cu.user.org_name)
        },
        action: action.into(),
        years: (2018..=this_year)
            .rev()
            .map(|y: i32| y.to_string())
            .collect(),
        show_unit: !units.is_empty(),
        units,
        statuses: Status::ALL
            .iter()
            .map(|s| (s.code().to_string(), status_zh(s.code()).to_string()))
            .collect(),
        grades: ["excellent", "good", "fair", "poor"]
            .iter()
            .map(|g| (g.to_string(), grade_zh(g).to_string()))
            .collect(),
        severities: vec![
            ("error".into(), "错误".into()),
            ("warning".into(), "警告".into()),
            ("info".into(), "提示".into()),
        ],
        sorts: vec![
            ("-errors".into(), "风险（错误多的在前）".into()),
            ("total".into(), "总分从低到高".into()),
            ("-total".into(), "总分从高到低".into()),
            ("-updated_at".into(), "最近更新".into()),
            ("year".into(), "年度".into()),
            ("project_name".into(), "项目名称".into()),
        ],
        total: res.total_count,
        rows: res.items.iter().map(row).collect(),
        page,
        prev_href: (page > 1).then(|| href(page - 1)),
        next_href: (page * PER_PAGE < res.total_count).then(|| href(page + 1)),
        export_href: Some(format!("/exports/forms.csv?{}", query_of(&f, 1))),
        export_query: query_of(&f, 1),
        batch: queue,
        batch_actions: if queue {
            let mut a = vec![
                ("start_review".to_string(), "开始审核".to_string()),
                ("approve".to_string(), "审核通过".to_string()),
                ("return".to_string(), "退回（填写意见）".to_string()),
            ];
            if cu.user.role == Role::FinanceAdmin {
                a.push(("publish".into(), "公开".into()));
            }
            a
        } else {
            Vec::new()
        },
        f,
    })
}

/// `GET /forms`: the forms the user may see (a filer: its unit's), by year and status.
pub async fn my_forms(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Query(f): Query<Filters>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    match list_page(&state, &cu, f, false).await {
        Ok(p) => render(StatusCode::OK, &p),
        Err(e) => store_error(&cu, e, "/"),
    }
}

/// `GET /queue`: the review queue (supervisors and the finance admin).
pub async fn queue(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Query(f): Query<Filters>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    if cu.user.role == Role::Filer {
        return forbidden(&cu);
    }
    match list_page(&state, &cu, f, true).await {
        Ok(p) => render(StatusCode::OK, &p),
        Err(e) => store_error(&cu, e, "/"),
    }
}

/// `POST /queue/batch`: one workflow action on every selected form; stops at the first refusal.
pub async fn batch(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
    };
    let Some(action) = get("action").as_deref().and_then(Action::parse) else {
        return store_error(&cu, StoreError::Invalid("请选择一个操作".into()), "/queue");
    };
    let comment = get("comment").unwrap_or_default();
    if action == Action::Return && comment.is_empty() {
        return store_error(
            &cu,
            StoreError::Invalid("批量退回时请填写意见".into()),
            "/queue",
        );
    }
    let ids: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "ids")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    if ids.is_empty() {
        return store_error(&cu, StoreError::Invalid("没有选中自评表".into()), "/queue");
    }
    let comments = if comment.is_empty() {
        Vec::new()
    } else {
        vec![jixiao_server::jixiao_store::workflow::CellComment {
            cell: "form".into(),
            text: comment,
        }]
    };
    for (done, id) in ids.iter().enumerate() {
        if let Err(e) = state
            .store
            .transition(&cu.user, *id, action, &comments)
            .await
        {
            let text = format!(
                "已处理 {done} 份；自评表 {id} 未能“{}”：{e}",
                action.chinese()
            );
            return message(
                StatusCode::UNPROCESSABLE_ENTITY,
                layout(&cu, "/queue"),
                "批量操作中断",
                &text,
                "/queue",
            );
        }
    }
    Redirect::to("/queue?msg=batch").into_response()
}

/// `GET /exports`: what can be downloaded.
pub async fn exports(cu: Option<CurrentUser>) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    message(
        StatusCode::OK,
        layout(&cu, "/exports"),
        "导出",
        "单份自评表：在自评表页面点“下载”下的 Excel、PDF、CSV、Parquet 或 JSON。一批自评表：在“审核队列”或“本单位自评表”里按年度、单位、状态等筛选后，点“导出筛选结果”下的格式（全年：只选年度）；Excel 与 PDF 一次最多 1000 份，其余 20000 份。列表摘要（CSV）：/exports/forms.csv。",
        "/exports/forms.csv",
    )
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `GET /exports/forms.csv`: every form matching the filters (paged in SQL, 500 at a time).
pub async fn export_csv(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Query(f): Query<Filters>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    let mut out =
        String::from("\u{feff}编号,项目编码,项目名称,单位,年度,状态,总分,等级,错误,警告\r\n");
    let mut sf = store_filter(&f, 500);
    sf.page = Some(1);
    loop {
        let res = match state.store.list_forms(&cu.user, &sf).await {
            Ok(r) => r,
            Err(e) => return store_error(&cu, e, "/exports"),
        };
        for s in &res.items {
            let cells = [
                s.id.to_string(),
                s.header.project_code.clone().unwrap_or_default(),
                s.header.project_name.clone().unwrap_or_default(),
                s.unit_name.clone(),
                s.year.map(|y| y.to_string()).unwrap_or_default(),
                status_zh(&s.status).to_string(),
                s.total.clone().unwrap_or_default(),
                s.grade.as_deref().map(grade_zh).unwrap_or("").to_string(),
                s.errors.to_string(),
                s.warnings.to_string(),
            ];
            out.push_str(
                &cells
                    .iter()
                    .map(|c| csv_cell(c))
                    .collect::<Vec<_>>()
                    .join(","),
            );
            out.push_str("\r\n");
        }
        let page = sf.page.unwrap_or(1);
        if res.items.is_empty() || page * 500 >= res.total_count {
            break;
        }
        sf.page = Some(page + 1);
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"jixiao-forms.csv\"",
            ),
        ],
        out,
    )
        .into_response()
}

/// `GET /exports/download/{format}?filters`: every form of the filtered list (all pages) the
/// user sees, as one file (the whole year: `?year=2022`).
pub async fn download_batch(
    State(state): State<AppState>,
    cu: Option<CurrentUser>,
    Path(format): Path<String>,
    Query(f): Query<Filters>,
) -> Response {
    let Some(cu) = cu else {
        return to_login();
    };
    let result = match Format::parse(Some(&format)) {
        Ok(format) => batch_download(&state.store, &cu.user, &store_filter(&f, 500), format).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(d) => d.into_response(),
        Err(e) => store_error(&cu, e, "/exports"),
    }
}
