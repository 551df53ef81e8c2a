use super::common::satisfaction_actual_missing;
use crate::check::rules::scoring::common::at_actual;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// A 满意度 row scored with no 实际完成值.
pub struct SatisfactionActualMissing;

static META: RuleMeta = RuleMeta {
    code: "JX501",
    name: "satisfaction-actual-missing",
    area: Area::Satisfaction,
    severity: Severity::Error,
    title: "满意度未填实际值却得分",
    what: "满意度指标（分值大于 0）的实际完成值为空（或只填“—”“/”“无”），得分却大于 0。",
    why: "没有满意度结果就给分，得分没有任何依据；这是“自评结果不实”的典型情形。未开展调查的应如实填写并不得分，或按规定把该项分值调整到产出、效益指标。",
    bad: "群众满意度：目标“90%”，实际完成值空白，分值 10，得分 10。",
    good: "实际完成值填调查得出的满意率，如“93.5%（发放问卷 200 份，有效 186 份）”；未调查的得 0 分并说明。",
    fix: "填写满意度调查的实际结果；没有开展调查的，得分改为 0 并在偏差原因中说明。",
    source: "issue “satisfaction”; R45/R46 相关; domain.md A.8 (W2); S7 [V]（满意度 = 满意人数 ÷ 有效样本）",
};

impl Rule for SatisfactionActualMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in &cx.form.indicators {
            let Some((w, s)) = satisfaction_actual_missing(cx, ind) else {
                continue;
            };
            let target = ind
                .target
                .as_ref()
                .map_or(String::new(), |t| format!("目标“{}”，", t.text));
            let shown = match &ind.actual {
                Some(a) if !a.text.trim().is_empty() => format!("只填了“{}”", a.text.trim()),
                _ => "为空".to_string(),
            };
            let f = Finding::new(
                &META,
                format!("{target}实际完成值{shown}，却得分 {s}（分值 {w}）"),
            )
            .indicator(&ind.name.value);
            out.push(at_actual(f, cx.form, ind));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Severity;
    use crate::check::rules::scoring::common::testkit::{form, row, run, run_row};
    use crate::check::rules::scoring::jx408_insufficient_evidence::InsufficientEvidence;
    use crate::model::Level1::*;
    use crate::profile::Profile;

    #[test]
    fn blank_satisfaction_with_points_is_one_error() {
        let r = row(Satisfaction, "服务对象满意度", "90%", None, "10", "10");
        let f = run_row(&SatisfactionActualMissing, r.clone());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!((f[0].line, f[0].column), (Some(1), None));
        // the blank cell is located by the column other rows keep their actual in
        let other = row(Output, "数量", "≥3个", Some("3个"), "80", "80");
        let two = form("100", "100", vec![other, r.clone()]);
        let f = run(&SatisfactionActualMissing, &two, &Profile::central_2020());
        assert_eq!(f[0].column, Some(6));
        // JX408 leaves this cell to JX501
        assert!(run_row(&InsufficientEvidence, r).is_empty());
    }

    #[test]
    fn only_when_points_were_given() {
        let n = |a: Option<&str>, s: &str| {
            run_row(
                &SatisfactionActualMissing,
                row(Satisfaction, "服务对象满意度", "90%", a, "10", s),
            )
            .len()
        };
        assert_eq!(n(None, "0"), 0);
        assert_eq!(n(Some("—"), "10"), 1);
        assert_eq!(n(Some("92%"), "10"), 0);
        let out = row(Output, "数量", "90%", None, "10", "10");
        assert!(run_row(&SatisfactionActualMissing, out.clone()).is_empty());
        // a blank non-satisfaction actual with full marks is JX408's error
        let f = run_row(&InsufficientEvidence, out);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
    }
}
