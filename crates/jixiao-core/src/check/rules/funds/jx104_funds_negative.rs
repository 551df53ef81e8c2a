use super::{MONEY_COLUMNS, unit_suffix};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use rust_decimal::Decimal;

/// A negative 年初预算数, 全年预算数 or 全年执行数 on a funds row.
pub struct FundsNegative;

static META: RuleMeta = RuleMeta {
    code: "JX104",
    name: "funds-negative",
    area: Area::Funds,
    severity: Severity::Error,
    title: "资金数为负数",
    what: "检查资金使用情况各行（年度资金总额及其中各行）的年初预算数、全年预算数、全年执行数是否为负数。（无法识别为数字的金额由读取检查 JX001 报告。）",
    why: "预算数和执行数不可能为负；负数通常是把调减额、退回额或差额误填进了金额栏，会使执行率和预算执行得分失真。",
    bad: "年度资金总额：年初预算数 108000，全年预算数 108000，全年执行数 -64531",
    good: "全年执行数 64531（当年实际支出）；调减或退回的金额在原因说明中写明。",
    fix: "按预算批复和决算数据重填该金额（应为不小于 0 的数），调减、退回等情况在说明中写明。",
    source: "R02; domain.md A.3 edge cases, B.2",
};

impl Rule for FundsNegative {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let unit = unit_suffix(cx.form.funds.amount_unit);
        for row in &cx.form.funds.rows {
            for (name, _, get) in MONEY_COLUMNS {
                let Some(v) = get(row) else { continue };
                if v.value < Decimal::ZERO {
                    out.push(
                        Finding::new(
                            &META,
                            format!(
                                "“{}”行{name}为 {}{unit}，金额不能为负数",
                                row.label.value, v.value
                            ),
                        )
                        .at(v.at),
                    );
                }
            }
        }
    }
}
