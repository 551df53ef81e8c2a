use super::any_reason;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// An execution rate below the profile's threshold with no reason in the funds block.
pub struct LowExecUnexplained;

static META: RuleMeta = RuleMeta {
    code: "JX109",
    name: "low-exec-unexplained",
    area: Area::Funds,
    severity: Severity::Warning,
    title: "执行率偏低未说明原因",
    what: "执行率（按全年执行数 ÷ 全年预算数复算）低于评分口径规定的门槛（四川 2023：90%），而资金区原因栏没有填写。只有规定了门槛的评分口径才检查（财政部、深圳口径没有此要求）。",
    why: "执行率偏低说明资金没有按计划使用，四川等地要求说明原因（限 100 字），作为预算调整和下年安排的依据。",
    bad: "调整后预算数 100，预算执行数 75，执行率 75%，原因栏空白。",
    good: "原因：“设备采购因供应商延期交付，25 万元于次年 1 月支付”。",
    fix: "在资金区原因栏写明执行率偏低的原因和后续安排（100 字以内）。",
    source: "R09; domain.md A.3 四川; S10 [V]",
};

impl Rule for LowExecUnexplained {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(threshold) = cx.profile.low_exec_reason_threshold else {
            return;
        };
        let Some(rate) = cx.eval.execution.rate else {
            return;
        };
        if rate >= threshold || any_reason(cx).is_some() {
            return;
        }
        let Some(row) = cx.form.funds.total_row() else {
            return;
        };
        let at = row
            .execution_rate
            .as_ref()
            .map(|r| r.at)
            .or(row.executed.as_ref().map(|e| e.at))
            .unwrap_or(row.label.at);
        out.push(
            Finding::new(
                &META,
                format!("执行率 {rate}% 低于 {threshold}%，原因栏未说明执行率偏低的原因"),
            )
            .at(at),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline;
    use crate::read::ReadOptions;

    /// The rule's findings on a fixture read under `profile`.
    fn run(text: &str, profile: Option<&str>) -> Vec<String> {
        let options = ReadOptions {
            profile: profile.map(str::to_string),
            ..ReadOptions::default()
        };
        pipeline::check_bytes("t.txt", text.as_bytes(), &options)
            .iter()
            .flat_map(|c| c.findings.iter())
            .filter(|f| f.code == "JX109")
            .map(|f| f.message.clone())
            .collect()
    }

    const BAD: &str = include_str!("../../../../tests/fixtures/rules/JX109/bad.txt");
    const GOOD: &str = include_str!("../../../../tests/fixtures/rules/JX109/good.txt");

    #[test]
    fn sichuan_low_rate_without_reason() {
        assert_eq!(
            run(BAD, Some("sichuan_2023")),
            vec!["执行率 59.75% 低于 90%，原因栏未说明执行率偏低的原因".to_string()]
        );
        assert!(run(GOOD, Some("sichuan_2023")).is_empty());
    }

    #[test]
    fn profiles_without_a_threshold_never_fire() {
        assert!(run(BAD, Some("central_2020")).is_empty());
        assert!(run(BAD, Some("shenzhen_2022")).is_empty());
    }
}
