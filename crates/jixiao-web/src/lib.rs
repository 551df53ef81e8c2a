//! jixiao-web: server-rendered pages for filing, reviewing and publishing 项目支出绩效自评表.
//!
//! askama templates, htmx for live recomputation in the editor, ECharts for the dashboards;
//! every script and style is embedded in the binary (see [`assets`]). The pages sit on top of
//! `jixiao-server` (sessions, store, workflow); the recomputation itself is the core pipeline.

pub mod admin;
pub mod assets;
pub mod charts;
pub mod edit;
pub mod editor;
pub mod forms;
pub mod layout;
pub mod lists;
pub mod pages;
pub mod preview;
pub mod routes;
pub mod session;
pub mod view;

pub use routes::routes;
