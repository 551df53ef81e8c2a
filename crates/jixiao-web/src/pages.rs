//! Template structs of the list, home, dashboard, upload, admin and message pages.

use crate::layout::Layout;
use askama::Template;

/// One form in a list.
#[derive(Debug, Clone)]
pub struct FormRow {
    pub id: i64,
    pub href: String,
    pub project_name: String,
    pub unit: String,
    pub year: String,
    pub status: String,
    pub status_zh: String,
    pub total: String,
    pub grade: String,
    pub errors: i64,
    pub warnings: i64,
}

/// A count on the home page or dashboard.
#[derive(Debug, Clone)]
pub struct Tile {
    pub label: String,
    pub count: String,
    pub href: String,
}

/// A titled list on the home page.
#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    pub rows: Vec<FormRow>,
}

/// `home.html`: what needs the user's attention.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub layout: Layout,
    pub heading: String,
    pub tiles: Vec<Tile>,
    pub sections: Vec<Section>,
}

/// The filter values of a list page, as typed (empty = no filter).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Filters {
    pub year: String,
    pub unit: String,
    pub status: String,
    pub grade: String,
    pub code: String,
    pub severity: String,
    pub sort: String,
    pub page: String,
    /// A flash message code after a redirect.
    pub msg: String,
}

/// `list.html`: the filer's forms or the review queue.
#[derive(Template)]
#[template(path = "list.html")]
pub struct ListPage {
    pub layout: Layout,
    pub heading: String,
    pub action: String,
    pub f: Filters,
    pub years: Vec<String>,
    pub show_unit: bool,
    pub units: Vec<(String, String)>,
    pub statuses: Vec<(String, String)>,
    /// (code, 优/良/中/差).
    pub grades: Vec<(String, String)>,
    pub severities: Vec<(String, String)>,
    pub sorts: Vec<(String, String)>,
    pub total: i64,
    pub rows: Vec<FormRow>,
    pub page: i64,
    pub prev_href: Option<String>,
    pub next_href: Option<String>,
    pub export_href: Option<String>,
    /// The filters as a query string, for the batch downloads.
    pub export_query: String,
    pub batch: bool,
    pub batch_actions: Vec<(String, String)>,
}

/// One ECharts chart: the option JSON goes into a `data-chart` attribute (no inline script).
#[derive(Debug, Clone)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub option: String,
}

/// A unit in the ranking table.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub unit: String,
    pub forms: i64,
    pub avg: String,
    pub errors: i64,
}

/// `dashboard.html`.
#[derive(Template)]
#[template(path = "dashboard.html")]
pub struct DashboardPage {
    pub layout: Layout,
    pub year: String,
    pub years: Vec<String>,
    pub tiles: Vec<Tile>,
    pub charts: Vec<Chart>,
    pub ranked: Vec<Ranked>,
}

/// `upload.html`; `result` is HTML rendered by us (escaped parts only).
#[derive(Template)]
#[template(path = "upload.html")]
pub struct UploadPage {
    pub layout: Layout,
    pub result: String,
}

/// `admin.html`.
#[derive(Template)]
#[template(path = "admin.html")]
pub struct AdminPage {
    pub layout: Layout,
    /// (depth, name, kind in Chinese).
    pub orgs: Vec<(usize, String, String)>,
    /// (id, name) of organisations that can hold children or users.
    pub parents: Vec<(String, String)>,
    /// (username, role in Chinese, organisation).
    pub users: Vec<(String, String, String)>,
}

/// `login.html`.
#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub layout: Layout,
    pub error: Option<String>,
    pub username: String,
}

/// `message.html`: a plain message (errors, refusals) with a way back.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub layout: Layout,
    pub heading: String,
    pub text: String,
    pub back: String,
}
