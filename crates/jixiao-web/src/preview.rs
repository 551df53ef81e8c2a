//! The editor's live preview: apply the typed cells to the stored form, recompute scores and
//! findings with the core pipeline, and render the changed fragments for htmx (`hx-swap-oob`).

use crate::edit::{FieldError, apply_edits};
use crate::view::{FormView, form_view};
use askama::Template;
use jixiao_core::model::Form;
use jixiao_core::pipeline::{CheckOptions, CheckedForm, check_form_with};

/// The out-of-band fragments sent back on every keystroke pause.
#[derive(Template)]
#[template(path = "preview.html")]
pub struct PreviewFragments {
    pub v: FormView,
    pub field_errors: Vec<FieldError>,
}

/// Apply `fields` to `form` and check it again; return the checked form and unreadable fields.
pub fn recheck<'a>(
    mut form: Form,
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
    options: &CheckOptions,
) -> (CheckedForm, Vec<FieldError>) {
    let errors = apply_edits(&mut form, fields);
    (check_form_with(form, options), errors)
}

/// The preview response for `form` edited with `fields`.
pub fn preview_html<'a>(
    form: Form,
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
    options: &CheckOptions,
) -> String {
    let (checked, field_errors) = recheck(form, fields, options);
    let page = PreviewFragments {
        v: form_view(&checked),
        field_errors,
    };
    page.render()
        .unwrap_or_else(|e| format!("<div id=\"field-errors\" hx-swap-oob=\"true\"><p class=\"error\">页面生成失败：{e}</p></div>"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_core::read::{ReadOptions, read_text};

    fn seed_form() -> Form {
        let text = include_str!("../../../tests/fixtures/seed.txt");
        read_text("seed.txt", text, &ReadOptions::default())
            .into_iter()
            .next()
            .expect("seed form")
    }

    #[test]
    fn lowering_an_actual_lowers_the_computed_score_and_adds_a_finding() {
        // Row 1: target 11 (人), weight 7.50. Actual 11 → 7.50; actual 5.5 → 7.50 × 5.5/11 = 3.75.
        let html = preview_html(
            seed_form(),
            [("i.0.actual", "5.5")],
            &CheckOptions::default(),
        );
        assert!(html.contains("id=\"calc-i-0\""), "{html}");
        assert!(html.contains(">3.75</output>"), "{html}");
        assert!(html.contains("hx-swap-oob=\"true\""));
        // The printed 7.50 no longer matches the rule's 3.75: a scoring finding at that row.
        let row = html
            .split("id=\"find-i-0\"")
            .nth(1)
            .and_then(|s| s.split("</div>\n").next())
            .unwrap_or("");
        assert!(row.contains("JX4"), "no scoring finding at row 1: {row}");
    }

    #[test]
    fn unreadable_number_is_shown_not_panicked() {
        let html = preview_html(
            seed_form(),
            [("i.0.weight", "abc")],
            &CheckOptions::default(),
        );
        assert!(html.contains("data-field=\"i.0.weight\""), "{html}");
    }
}
