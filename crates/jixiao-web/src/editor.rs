//! The form editor page (filer) and its read-only / review variants.

use crate::layout::Layout;
use crate::view::FormView;
use askama::Template;

/// `editor.html`: the form laid out like the official table.
#[derive(Template)]
#[template(path = "editor.html")]
pub struct EditorPage {
    pub layout: Layout,
    /// URL prefix of this form's actions (`/forms/12`).
    pub base: String,
    pub version: i64,
    /// Workflow status code and its Chinese name.
    pub status: String,
    pub status_zh: String,
    pub v: FormView,
    /// Inputs are enabled and every change is previewed.
    pub editable: bool,
    /// Show the reviewer's 复核分 and comment columns.
    pub reviewing: bool,
    pub can_submit: bool,
    /// Comments on the form as a whole (returned forms).
    pub comments_form: Vec<String>,
    /// `readonly` when the cells may not be edited, else empty.
    pub ro: &'static str,
    /// Workflow buttons outside the editor: (action code, label).
    pub actions: Vec<(String, String)>,
}
