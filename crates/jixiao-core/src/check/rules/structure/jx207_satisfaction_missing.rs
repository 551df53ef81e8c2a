use rust_decimal::Decimal;

use super::common::{first_row, has_unknown_level1, level1_sum, satisfaction_absent};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Level1;

/// No 满意度 indicator, and its points were not moved into 产出 and 效益.
pub struct SatisfactionMissing;

static META: RuleMeta = RuleMeta {
    code: "JX207",
    name: "satisfaction-missing",
    area: Area::Structure,
    severity: Severity::Error,
    title: "未设满意度指标且分值未重新分配",
    what: "表中没有满意度指标（或满意度指标分值全为 0）时，其分值（中央口径 10 分）应并入产出和效益指标，即产出 + 效益（如有成本一级指标也计入）合计应为指标总分（中央口径 90 分）。未设满意度且合计不等于该数时报告。",
    why: "满意度的分值没有重新分配，指标分值合计就达不到 90 分，总分上限被压低（或被其他地方虚增），与其他项目不可比。",
    bad: "没有满意度指标；产出指标 50 分 + 效益指标 30 分 = 80 分。",
    good: "没有满意度指标；产出指标 55 分 + 效益指标 35 分 = 90 分（或补设服务对象满意度指标 10 分）。",
    fix: "补设服务对象满意度指标（10 分）；确实无法设置的，把 10 分分配到产出和效益指标，使两者合计 90 分。",
    source: "R20; domain.md A.2 W2（满意度分值并入产出、效益，INFERRED：任意分配、合计 90）; [R] 财预〔2020〕10号",
};

impl Rule for SatisfactionMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let (f, p) = (cx.form, cx.profile);
        if !p.scored || !f.is_complete() || f.indicators.is_empty() || has_unknown_level1(f) {
            return;
        }
        if !satisfaction_absent(f) {
            return;
        }
        let output = level1_sum(f, Level1::Output);
        let outcome = level1_sum(f, Level1::Outcome);
        let cost = level1_sum(f, Level1::Cost);
        let sum = output + outcome + cost;
        let expected = p.indicator_weight_total;
        if !cx.differs(sum, expected) {
            return;
        }
        let sat_nominal = p
            .level1_weight(Level1::Satisfaction)
            .map_or(String::new(), |w| format!("（口径 {} 分）", w.normalize()));
        let cost_part = if cost > Decimal::ZERO {
            format!(" + 成本 {}", cost.normalize())
        } else {
            String::new()
        };
        let none = match first_row(f, Level1::Satisfaction) {
            Some(_) => "满意度指标分值为 0",
            None => "未设满意度指标",
        };
        let msg = format!(
            "{none}{sat_nominal}，其分值未重新分配：产出 {} + 效益 {}{cost_part} = {} 分，应为 {} 分",
            output.normalize(),
            outcome.normalize(),
            sum.normalize(),
            expected.normalize()
        );
        let finding = Finding::new(&META, msg);
        out.push(match first_row(f, Level1::Satisfaction) {
            Some(r) => match &r.weight {
                Some(w) => finding.at(w.at),
                None => finding.at(r.level1.at),
            },
            None => match &f.total {
                Some(t) if t.line > 0 => finding.at_line(t.line),
                _ => finding.at_line(f.indicators.last().map_or(f.source.first_line, |i| i.line)),
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::test_util::{form, row, run, standard_rows};
    use super::*;
    use crate::profile::Profile;

    fn without_satisfaction(output: i64, outcome: i64) -> Vec<crate::model::Indicator> {
        let mut rows = standard_rows();
        rows.pop();
        rows[0].weight.as_mut().unwrap().value = Decimal::from(output - 25);
        rows[2].weight.as_mut().unwrap().value = Decimal::from(outcome);
        rows
    }

    #[test]
    fn not_redistributed_fires() {
        let out = run(
            &SatisfactionMissing,
            &form(without_satisfaction(50, 30)),
            &Profile::central_2020(),
        );
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].message,
            "未设满意度指标（口径 10 分），其分值未重新分配：产出 50 + 效益 30 = 80 分，应为 90 分"
        );
    }

    #[test]
    fn any_split_reaching_90_is_accepted() {
        for (o, e) in [(55, 35), (60, 30), (50, 40)] {
            let out = run(
                &SatisfactionMissing,
                &form(without_satisfaction(o, e)),
                &Profile::central_2020(),
            );
            assert!(out.is_empty(), "{o}/{e}: {out:?}");
        }
    }

    #[test]
    fn present_satisfaction_is_silent_and_zero_weight_counts_as_missing() {
        assert!(
            run(
                &SatisfactionMissing,
                &form(standard_rows()),
                &Profile::central_2020()
            )
            .is_empty()
        );
        let mut rows = without_satisfaction(50, 30);
        rows.push(row(
            9,
            "满意度(10分)",
            "服务对象满意度",
            "无",
            "无",
            "无",
            "0",
        ));
        let out = run(&SatisfactionMissing, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 1);
        assert!(out[0].message.starts_with("满意度指标分值为 0"));
        assert_eq!(out[0].line, Some(9));
    }

    #[test]
    fn blank_satisfaction_weight_is_unknown_not_zero() {
        let mut rows = without_satisfaction(50, 30);
        rows.push(row(
            9,
            "满意度(10分)",
            "服务对象满意度",
            "群众满意度",
            "≥90%",
            "95%",
            "",
        ));
        assert!(run(&SatisfactionMissing, &form(rows), &Profile::central_2020()).is_empty());
    }

    #[test]
    fn hubei_total_is_80() {
        let out = run(
            &SatisfactionMissing,
            &form(without_satisfaction(50, 30)),
            &Profile::hubei(),
        );
        assert!(out.is_empty(), "{out:?}");
    }
}
