use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::{Form, FormStatus, Sourced};
use crate::normalise;
use crate::read::family::Family;

/// A required header field (项目名称, 主管部门, 实施单位, 年度; for a whole-department form
/// 部门名称 and 年度) is blank.
pub struct HeaderIncomplete;

static META: RuleMeta = RuleMeta {
    code: "JX103",
    name: "header-incomplete",
    area: Area::Funds,
    severity: Severity::Error,
    title: "表头必填项缺失",
    what: "检查表头的项目名称、主管部门（深圳等地称一级预算单位）、实施单位和年度是否填写；部门整体支出自评表没有项目名称和实施单位，只查部门名称（或单位名称）和年度。空白或只填“—”“/”“无”都算未填。检查完整读取的自评表；不完整的表只在读过了表头、且至少认出一个表头字段时检查（表格止于表头，或整个表头都没有认出，是读取问题，由 JX002 报告，不再逐项报缺）。无法识别的文件不检查。",
    why: "表头决定这张表属于哪个项目、哪个单位、哪一年；缺了就无法归档、汇总，也无法与预算批复和以前年度的自评核对。",
    bad: "项目名称：干部健康管理　实施单位：（空）　年度：（空）",
    good: "项目名称：干部健康管理　实施单位：深圳市罗湖区委(政府)办本级　年度：2022",
    fix: "补填表头中缺少的项目名称、主管部门（一级预算单位）、实施单位和自评年度。",
    source: "R01; domain.md B.1; S8, S10 [V]; C10 [V]",
};

fn blank(v: Option<&Sourced<String>>) -> bool {
    v.is_none_or(|s| normalise::is_null_marker(&s.value))
}

/// The line of the header block: the first header field read, else the title, else the form's
/// first line.
fn header_line(form: &Form) -> u32 {
    let h = &form.header;
    [
        h.project_code.as_ref().map(|s| s.at.line),
        h.project_name.as_ref().map(|s| s.at.line),
        h.year.as_ref().map(|s| s.at.line),
        h.implementing_unit.as_ref().map(|s| s.at.line),
        h.budget_unit.as_ref().map(|s| s.at.line),
    ]
    .into_iter()
    .flatten()
    .min()
    .or(form.title.as_ref().map(|t| t.at.line))
    .unwrap_or(form.source.first_line)
}

impl Rule for HeaderIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let f = cx.form;
        let h = &f.header;
        let any_field = h.project_code.is_some()
            || h.project_name.is_some()
            || h.year.is_some()
            || h.implementing_unit.is_some()
            || h.budget_unit.is_some();
        let applies = match &f.status {
            FormStatus::Complete => true,
            FormStatus::Incomplete { stops_in, .. } => stops_in != "表头" && any_field,
            _ => false,
        };
        if !applies {
            return;
        }
        let line = header_line(f);
        let names_a_project = f
            .family
            .as_deref()
            .and_then(Family::from_code)
            .is_none_or(Family::names_a_project);
        let text_fields: &[(&str, Option<&Sourced<String>>)] = if names_a_project {
            &[
                ("项目名称", h.project_name.as_ref()),
                ("主管部门（一级预算单位）", h.budget_unit.as_ref()),
                ("实施单位", h.implementing_unit.as_ref()),
            ]
        } else {
            // 部门整体支出: the department (部门名称, or 单位名称 read as the filing unit).
            let department = h
                .budget_unit
                .as_ref()
                .filter(|v| !blank(Some(v)))
                .or(h.implementing_unit.as_ref())
                .or(h.budget_unit.as_ref());
            &[("部门名称", department)]
        };
        for &(label, value) in text_fields {
            if !blank(value) {
                continue;
            }
            let finding = match value {
                Some(v) => {
                    Finding::new(&META, format!("表头“{label}”填的是“{}”，等于未填", v.value))
                        .at(v.at)
                }
                None => Finding::new(&META, format!("表头缺少“{label}”")).at_line(line),
            };
            out.push(finding);
        }
        if h.year.is_none() {
            out.push(Finding::new(&META, "表头缺少自评“年度”".to_string()).at_line(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pos;

    #[test]
    fn null_markers_count_as_blank() {
        let s = |t: &str| Sourced::new(t.to_string(), Pos::new(1, 1));
        assert!(blank(None));
        assert!(blank(Some(&s("—"))));
        assert!(blank(Some(&s(" / "))));
        assert!(blank(Some(&s("无"))));
        assert!(!blank(Some(&s("深圳市罗湖区政务公开中心"))));
    }
}
