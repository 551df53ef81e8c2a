//! The editor's view model: a checked form laid out like the official table (header, funds,
//! goals, indicator table with merged 一级/二级 cells, total), with each finding placed at the
//! row it concerns and the computed values beside the printed ones.

use jixiao_core::check::{Finding, Severity};
use jixiao_core::model::{Form, FundsKind, Indicator, Sourced};
use jixiao_core::pipeline::CheckedForm;
use jixiao_core::score::ScoreMethod;
use rust_decimal::Decimal;

/// A finding as the pages show it.
#[derive(Debug, Clone)]
pub struct FindingView {
    /// Index in the form's finding list (stable within one check).
    pub index: usize,
    /// The store's finding id (`JX402-23`, `-2` … for repeats), for triage.
    pub fid: String,
    pub code: String,
    /// `error` / `warning` / `info`.
    pub severity: &'static str,
    /// 错误 / 警告 / 提示.
    pub severity_zh: &'static str,
    pub message: String,
    /// How to fix it (from the rule registry).
    pub fix: String,
    /// The cell it points at, in words (`第 3 行 实际完成值`), if any.
    pub place: String,
    /// Reviewer's acceptance reason, if accepted.
    pub accepted: Option<String>,
}

/// One row of the funds block.
#[derive(Debug, Clone)]
pub struct FundsRowView {
    pub index: usize,
    pub label: String,
    pub is_total: bool,
    pub initial_budget: String,
    pub adjusted_budget: String,
    pub executed: String,
    pub weight: String,
    pub execution_rate: String,
    pub score: String,
    pub rate_computed: String,
    pub score_computed: String,
    pub findings: Vec<FindingView>,
    /// Reviewers' comments on this row (`作者：内容`).
    pub comments: Vec<String>,
}

/// One indicator row; `l1_span`/`l2_span` are non-zero on the first row of a merged block.
#[derive(Debug, Clone)]
pub struct IndicatorView {
    pub index: usize,
    pub level1: String,
    pub l1_span: usize,
    pub level2: String,
    pub l2_span: usize,
    pub name: String,
    pub target: String,
    pub actual: String,
    pub weight: String,
    pub score: String,
    pub score_computed: String,
    /// How the computed score was obtained, in Chinese (`按比例`, `定性，不复算` ...).
    pub method: String,
    /// Printed and computed scores differ.
    pub differs: bool,
    pub deviation_note: String,
    pub findings: Vec<FindingView>,
    /// Reviewers' comments on this row (`作者：内容`).
    pub comments: Vec<String>,
    /// 复核分 entered by a reviewer, if any.
    pub review_score: String,
}

/// The whole editor.
#[derive(Debug, Clone)]
pub struct FormView {
    pub project_code: String,
    pub project_name: String,
    pub year: String,
    pub implementing_unit: String,
    pub budget_unit: String,
    pub amount_unit: &'static str,
    pub funds: Vec<FundsRowView>,
    pub goal_expected: String,
    pub goal_achieved: String,
    pub indicators: Vec<IndicatorView>,
    pub total_weight: String,
    pub total_score: String,
    pub total_computed: String,
    pub total_differs: bool,
    pub grade: String,
    pub read_status: &'static str,
    /// Findings not tied to a funds or indicator row.
    pub form_findings: Vec<FindingView>,
    /// Every finding, for the list beside the table.
    pub findings: Vec<FindingView>,
    pub errors_open: usize,
    pub warnings_open: usize,
}

fn s_dec(d: &Option<Sourced<Decimal>>) -> String {
    d.as_ref().map(|s| s.value.to_string()).unwrap_or_default()
}

fn s_txt(d: &Option<Sourced<String>>) -> String {
    d.as_ref().map(|s| s.value.clone()).unwrap_or_default()
}

/// A computed value with two places, or empty.
pub fn two_places(d: Option<Decimal>) -> String {
    d.map(|mut v| {
        if v.scale() < 2 {
            v.rescale(2);
        }
        v.to_string()
    })
    .unwrap_or_default()
}

fn method_zh(m: &ScoreMethod) -> &'static str {
    match m {
        ScoreMethod::Met => "达成，满分",
        ScoreMethod::Proportional => "未达成，按比例",
        ScoreMethod::ReverseLinear | ScoreMethod::ReverseRatio => "反向指标超出，按比例",
        ScoreMethod::EqualZero => "目标为零，达成与否",
        ScoreMethod::Qualitative => "定性指标，只核对分档",
        ScoreMethod::VoidZeroWeight => "不适用，不计分",
        ScoreMethod::NotComputable => "无法复算",
    }
}

fn differs(printed: &Option<Sourced<Decimal>>, computed: Option<Decimal>) -> bool {
    match (printed, computed) {
        (Some(p), Some(c)) => (p.value - c).abs() > Decimal::new(1, 2),
        _ => false,
    }
}

/// Which column a finding concerns, from its rule area (the hundreds digit of its code).
fn column_word(code: &str) -> &'static str {
    match code.get(0..3) {
        Some("JX1") => "资金",
        Some("JX2") => "分值",
        Some("JX3") => "年度指标值",
        Some("JX4") | Some("JX5") => "得分",
        Some("JX6") => "总分",
        _ => "",
    }
}

/// Finding ids as the store gives them (`jixiao-store` forms.rs): `CODE-LINE`, then `-2`, `-3` …
/// for repeats on the same line.
pub fn finding_ids(findings: &[Finding]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    findings
        .iter()
        .map(|f| {
            let base = format!("{}-{}", f.code, f.line.unwrap_or(0));
            let mut fid = base.clone();
            let mut n = 1;
            while !seen.insert(fid.clone()) {
                n += 1;
                fid = format!("{base}-{n}");
            }
            fid
        })
        .collect()
}

fn finding_view(index: usize, fid: &str, f: &Finding, place: String) -> FindingView {
    FindingView {
        index,
        fid: fid.to_string(),
        code: f.code.to_string(),
        severity: f.severity.code(),
        severity_zh: f.severity.chinese(),
        message: f.message.clone(),
        fix: f.fix.to_string(),
        place,
        accepted: f.accepted.clone(),
    }
}

/// Where a finding belongs: `Some(Ok(i))` indicator row i, `Some(Err(k))` funds row k, `None` the form.
fn place_of(form: &Form, f: &Finding) -> Option<Result<usize, usize>> {
    if let Some(name) = &f.indicator {
        let by_line = f.line.and_then(|l| {
            form.indicators
                .iter()
                .position(|i| i.line == l && &i.name.value == name)
        });
        let by_name = || form.indicators.iter().position(|i| &i.name.value == name);
        if let Some(i) = by_line.or_else(by_name) {
            return Some(Ok(i));
        }
    }
    let line = f.line?;
    if let Some(i) = form.indicators.iter().position(|i| i.line == line) {
        return Some(Ok(i));
    }
    form.funds.rows.iter().position(|r| r.line == line).map(Err)
}

fn spans(indicators: &[Indicator], key: impl Fn(&Indicator) -> String) -> Vec<usize> {
    let mut out = vec![0; indicators.len()];
    let mut start = 0;
    for i in 1..=indicators.len() {
        if i == indicators.len() || key(&indicators[i]) != key(&indicators[start]) {
            out[start] = i - start;
            start = i;
        }
    }
    out
}

/// Lay out a checked form for the editor and the review page.
pub fn form_view(c: &CheckedForm) -> FormView {
    let f = &c.form;
    let mut ind_findings: Vec<Vec<FindingView>> = vec![Vec::new(); f.indicators.len()];
    let mut funds_findings: Vec<Vec<FindingView>> = vec![Vec::new(); f.funds.rows.len()];
    let mut form_findings = Vec::new();
    let mut all = Vec::new();
    let fids = finding_ids(&c.findings);
    for (k, fd) in c.findings.iter().enumerate() {
        let fid = fids[k].as_str();
        match place_of(f, fd) {
            Some(Ok(i)) => {
                let place = format!("指标第 {} 行 {}", i + 1, column_word(fd.code));
                let v = finding_view(k, fid, fd, place);
                all.push(v.clone());
                ind_findings[i].push(v);
            }
            Some(Err(r)) => {
                let place = format!("资金“{}”行", f.funds.rows[r].label.value);
                let v = finding_view(k, fid, fd, place);
                all.push(v.clone());
                funds_findings[r].push(v);
            }
            None => {
                let place = match column_word(fd.code) {
                    "" => "全表".to_string(),
                    w => w.to_string(),
                };
                let v = finding_view(k, fid, fd, place);
                all.push(v.clone());
                form_findings.push(v);
            }
        }
    }
    let l1 = spans(&f.indicators, |i| i.level1.value.clone());
    let l2 = spans(&f.indicators, |i| {
        format!("{}\u{1}{}", i.level1.value, s_txt(&i.level2))
    });
    let indicators = f
        .indicators
        .iter()
        .enumerate()
        .map(|(k, i)| {
            let s = c.eval.indicators.get(k);
            let computed = s.and_then(|s| s.computed);
            IndicatorView {
                index: k,
                level1: i.level1.value.clone(),
                l1_span: l1[k],
                level2: s_txt(&i.level2),
                l2_span: l2[k],
                name: i.name.value.clone(),
                target: i
                    .target
                    .as_ref()
                    .map(|t| t.text.clone())
                    .unwrap_or_default(),
                actual: i
                    .actual
                    .as_ref()
                    .map(|a| a.text.clone())
                    .unwrap_or_default(),
                weight: s_dec(&i.weight),
                score: s_dec(&i.score),
                score_computed: two_places(computed),
                method: s.map(|s| method_zh(&s.method)).unwrap_or("").to_string(),
                differs: differs(&i.score, computed),
                deviation_note: s_txt(&i.deviation_note),
                findings: std::mem::take(&mut ind_findings[k]),
                comments: Vec::new(),
                review_score: String::new(),
            }
        })
        .collect();
    let funds = f
        .funds
        .rows
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let is_total = r.kind == FundsKind::TotalFunds;
            FundsRowView {
                index: k,
                label: r.label.value.clone(),
                is_total,
                initial_budget: s_dec(&r.initial_budget),
                adjusted_budget: s_dec(&r.adjusted_budget),
                executed: s_dec(&r.executed),
                weight: s_dec(&r.weight),
                execution_rate: s_dec(&r.execution_rate),
                score: s_dec(&r.score),
                rate_computed: if is_total {
                    two_places(c.eval.execution.rate)
                } else {
                    String::new()
                },
                score_computed: if is_total {
                    two_places(c.eval.execution.score)
                } else {
                    String::new()
                },
                findings: std::mem::take(&mut funds_findings[k]),
                comments: Vec::new(),
            }
        })
        .collect();
    let total = f.total.as_ref();
    let total_score = total.and_then(|t| t.score.clone());
    let open = |sev: Severity| {
        c.findings
            .iter()
            .filter(|x| x.severity == sev && x.accepted.is_none())
            .count()
    };
    FormView {
        project_code: s_txt(&f.header.project_code),
        project_name: s_txt(&f.header.project_name),
        year: f
            .header
            .year
            .as_ref()
            .map(|y| y.value.to_string())
            .unwrap_or_default(),
        implementing_unit: s_txt(&f.header.implementing_unit),
        budget_unit: s_txt(&f.header.budget_unit),
        amount_unit: match f.funds.amount_unit {
            jixiao_core::model::AmountUnit::Yuan => "元",
            jixiao_core::model::AmountUnit::WanYuan => "万元",
            jixiao_core::model::AmountUnit::Unknown => "元",
        },
        funds,
        goal_expected: s_txt(&f.overall_goal.expected),
        goal_achieved: s_txt(&f.overall_goal.achieved),
        indicators,
        total_weight: s_dec(&total.and_then(|t| t.weight.clone())),
        total_score: s_dec(&total_score),
        total_computed: two_places(c.eval.total_computed),
        total_differs: differs(&total_score, c.eval.total_computed),
        grade: c.eval.grade.unwrap_or("").to_string(),
        read_status: f.status.code(),
        form_findings,
        findings: all,
        errors_open: open(Severity::Error),
        warnings_open: open(Severity::Warning),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_core::pipeline::check_form;
    use jixiao_core::read::{ReadOptions, read_text};

    fn seed(n: usize) -> CheckedForm {
        let text = include_str!("../../../tests/fixtures/seed.txt");
        let f = read_text("seed.txt", text, &ReadOptions::default())
            .into_iter()
            .nth(n)
            .expect("seed form");
        check_form(f)
    }

    #[test]
    fn merged_cells_follow_the_printed_blocks() {
        // Seed form 1: 产出 5 rows (数量 ×2, 质量, 时效, 成本), 效益 4 rows, 满意度 2 rows.
        let v = form_view(&seed(0));
        let l1: Vec<usize> = v.indicators.iter().map(|i| i.l1_span).collect();
        assert_eq!(l1, vec![5, 0, 0, 0, 0, 4, 0, 0, 0, 2, 0]);
        let l2: Vec<usize> = v.indicators.iter().map(|i| i.l2_span).collect();
        assert_eq!(l2, vec![2, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    }

    #[test]
    fn execution_and_total_are_recomputed() {
        // 64531 / 108000 = 59.75 % → 10 × 0.5975 = 5.975 → 5.98 (checked by hand);
        // total = 5.98 + 90 printed indicator points = 95.98.
        let v = form_view(&seed(0));
        assert_eq!(v.funds[0].rate_computed, "59.75");
        assert_eq!(v.funds[0].score_computed, "5.98");
        assert_eq!(v.total_computed, "95.98");
        assert_eq!(v.total_score, "95.98");
        assert!(!v.total_differs);
    }

    #[test]
    fn every_finding_is_listed_once() {
        let c = seed(0);
        let v = form_view(&c);
        assert_eq!(v.findings.len(), c.findings.len());
        let placed: usize = v.indicators.iter().map(|i| i.findings.len()).sum::<usize>()
            + v.funds.iter().map(|r| r.findings.len()).sum::<usize>()
            + v.form_findings.len();
        assert_eq!(placed, c.findings.len());
    }
}
