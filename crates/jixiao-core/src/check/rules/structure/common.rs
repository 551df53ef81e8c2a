//! Helpers shared by the structure rules (JX2xx).

use rust_decimal::Decimal;

use crate::model::{Form, Indicator, Level1};

/// Σ weights of the rows of one level-1 category (a blank weight counts as nothing).
pub(super) fn level1_sum(form: &Form, level1: Level1) -> Decimal {
    form.indicators
        .iter()
        .filter(|i| i.level1_category == Some(level1))
        .filter_map(|i| i.points_weight().map(|w| w.value))
        .fold(Decimal::ZERO, |acc, w| acc.checked_add(w).unwrap_or(acc))
}

/// W2: the form sets no 满意度 indicator: no 满意度 row carries a weight above 0, and none is a
/// real indicator with a blank weight (a blank weight is unknown, not zero).
pub(super) fn satisfaction_absent(form: &Form) -> bool {
    !form.indicators.iter().any(|i| {
        i.level1_category == Some(Level1::Satisfaction)
            && match &i.weight {
                Some(w) => w.value > Decimal::ZERO,
                None => !i.is_placeholder(),
            }
    })
}

/// Some row's level-1 label is not recognised (JX204 reports it; weight rules then stay silent,
/// since its weight cannot be attributed to a category).
pub(super) fn has_unknown_level1(form: &Form) -> bool {
    form.indicators.iter().any(|i| i.level1_category.is_none())
}

/// Short name of a level-1 category (`产出`), for messages listing several.
pub(super) fn short(level1: Level1) -> &'static str {
    match level1 {
        Level1::Output => "产出",
        Level1::Outcome => "效益",
        Level1::Satisfaction => "满意度",
        Level1::Cost => "成本",
    }
}

/// `text` trimmed, cut to `max` characters with `…` when longer (long cells in messages).
pub(crate) fn clip(text: &str, max: usize) -> String {
    let t = text.trim();
    if t.chars().count() <= max {
        return t.to_string();
    }
    let mut s: String = t.chars().take(max).collect();
    s.push('…');
    s
}

/// The first row of a category.
pub(super) fn first_row(form: &Form, level1: Level1) -> Option<&Indicator> {
    form.indicators
        .iter()
        .find(|i| i.level1_category == Some(level1))
}

#[cfg(test)]
pub(crate) mod test_util {
    //! Hand-built forms for the structure and target rules' unit tests.

    use rust_decimal::Decimal;

    use crate::check::{Finding, Rule};
    use crate::model::{Form, FormStatus, Indicator, Pos, Sourced};
    use crate::normalise::{level1_of, parse_actual, parse_target};
    use crate::profile::Profile;

    /// One indicator row `(一级, 二级, 三级, 年度指标值, 实际完成值, 分值)`, on line `line`.
    pub(crate) fn row(
        line: u32,
        l1: &str,
        l2: &str,
        name: &str,
        target: &str,
        actual: &str,
        weight: &str,
    ) -> Indicator {
        let at = |c| Pos::new(line, c);
        let cat = level1_of(l1);
        let w: Option<Decimal> = weight.parse().ok();
        Indicator {
            level1: Sourced::new(l1.to_string(), at(2)),
            level1_category: cat.map(|c| c.0),
            level1_label_weight: cat.and_then(|c| c.1),
            level2: (!l2.is_empty()).then(|| Sourced::new(l2.to_string(), at(3))),
            name: Sourced::new(name.to_string(), at(4)),
            target: (!target.is_empty()).then(|| parse_target(target, at(5))),
            actual: (!actual.is_empty()).then(|| parse_actual(actual, at(6))),
            weight: w.map(|w| Sourced::new(w, at(7))),
            score: w.map(|w| Sourced::new(w, at(8))),
            deviation_note: None,
            extra: Default::default(),
            line,
        }
    }

    /// A complete form holding `rows`.
    pub(crate) fn form(rows: Vec<Indicator>) -> Form {
        let mut f = Form::empty("t.txt", "");
        f.status = FormStatus::Complete;
        f.indicators = rows;
        f
    }

    /// The standard 50/30/10 rows of a central form (产出 2×25, 效益 30, 满意度 10).
    pub(crate) fn standard_rows() -> Vec<Indicator> {
        vec![
            row(1, "产出(50分)", "数量", "培训人数", "≥100人", "120人", "25"),
            row(2, "产出(50分)", "质量", "培训合格率", "≥95%", "98%", "25"),
            row(
                3,
                "效益(30分)",
                "社会效益",
                "持证上岗率",
                "≥90%",
                "92%",
                "30",
            ),
            row(
                4,
                "满意度(10分)",
                "服务对象满意度",
                "学员满意度",
                "≥90%",
                "95%",
                "10",
            ),
        ]
    }

    /// Run one rule on `form` under `profile`.
    pub(crate) fn run(rule: &dyn Rule, form: &Form, profile: &Profile) -> Vec<Finding> {
        crate::check::run_rule(rule, form, profile)
    }
}
