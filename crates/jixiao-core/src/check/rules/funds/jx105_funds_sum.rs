use super::{MONEY_COLUMNS, unit_suffix};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::{FundsKind, FundsRow};
use rust_decimal::Decimal;

/// 年度资金总额 ≠ the sum of its 其中 rows, or a total left at 0 while a 其中 row holds money (T14).
pub struct FundsSum;

static META: RuleMeta = RuleMeta {
    code: "JX105",
    name: "funds-sum",
    area: Area::Funds,
    severity: Severity::Error,
    title: "年度资金总额与其中各项之和不符",
    what: "对年初预算数、全年预算数、全年执行数三栏分别检查：年度资金总额 = 其中：当年财政拨款 + 上年结转资金 + 其他资金（按表中金额单位，允许 0.01 的误差）。只在总额行和至少一个其中行都填了该栏时比较。总额行全为 0 而其中行填有金额时单独报告：预算执行得分不能按为 0 的总额计算。资金区另有未能识别的行时，合计可能不完整，降为警告。",
    why: "“其中”各行是总额的组成部分，合计不等说明总额或某一来源填错。预算执行率和得分只按总额行计算；总额漏填（只填了其中行）会让执行率无从计算或被算成 0。",
    bad: "年度资金总额 0 / 0 / 0，其中：本年财政拨款 90 / 89.974 / 89.974。",
    good: "年度资金总额 90 / 89.974 / 89.974，其中：本年财政拨款 90 / 89.974 / 89.974，上年结转资金 0 / 0 / 0。",
    fix: "按“年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金”核对并更正总额行或其中各行的金额。",
    source: "R03; domain.md A.3 edge cases, B.2; T14; S8 [V]; C7 河北 [V]",
};

fn is_sub(row: &FundsRow) -> bool {
    row.kind != FundsKind::TotalFunds
}

/// Lines of the funds block the reader could not place (a funds row with an unknown label).
fn unplaced_funds_lines(cx: &Context) -> Vec<u32> {
    cx.form
        .read_notes
        .iter()
        .filter(|n| n.message.contains("（资金使用情况）"))
        .map(|n| n.line)
        .collect()
}

impl Rule for FundsSum {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let funds = &cx.form.funds;
        let Some(total) = funds.total_row() else {
            return;
        };
        let subs: Vec<&FundsRow> = funds.rows.iter().filter(|r| is_sub(r)).collect();
        if subs.is_empty() {
            return;
        }
        let unit = unit_suffix(funds.amount_unit);

        // T14: the total row left at zero while a 其中 row holds money.
        let total_values: Vec<Decimal> = MONEY_COLUMNS
            .iter()
            .filter_map(|(_, _, get)| get(total).map(|v| v.value))
            .collect();
        let total_all_zero = !total_values.is_empty() && total_values.iter().all(|v| v.is_zero());
        let money_row = subs.iter().find(|r| {
            MONEY_COLUMNS
                .iter()
                .any(|(_, _, get)| get(r).is_some_and(|v| !v.value.is_zero()))
        });
        if total_all_zero && let Some(row) = money_row {
            let show = |r: &FundsRow| {
                MONEY_COLUMNS
                    .iter()
                    .map(|(_, _, get)| get(r).map_or("—".to_string(), |v| v.value.to_string()))
                    .collect::<Vec<_>>()
                    .join(" / ")
            };
            let at = total
                .adjusted_budget
                .as_ref()
                .map_or(total.label.at, |v| v.at);
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "年度资金总额行为 {}，而“{}”行填有 {}{unit}（年初预算数 / 全年预算数 / 全年执行数）：总额行未按其中各行合计填写，不能按为 0 的总额计算执行率和预算执行得分",
                        show(total),
                        row.label.value,
                        show(row)
                    ),
                )
                .at(at),
            );
            return;
        }

        let unplaced = unplaced_funds_lines(cx);
        for (name, _, get) in MONEY_COLUMNS {
            let Some(t) = get(total) else { continue };
            let parts: Vec<(&FundsRow, Decimal)> = subs
                .iter()
                .filter_map(|r| get(r).map(|v| (*r, v.value)))
                .collect();
            if parts.is_empty() {
                continue;
            }
            let Some(sum) = parts
                .iter()
                .try_fold(Decimal::ZERO, |acc, (_, v)| acc.checked_add(*v))
            else {
                continue;
            };
            let Some(diff) = t.value.checked_sub(sum) else {
                continue;
            };
            if diff.abs() <= cx.profile.tolerance {
                continue;
            }
            // The message's terms, only for a finding.
            let terms = parts
                .iter()
                .map(|(r, v)| {
                    format!(
                        "{} {v}",
                        r.label
                            .value
                            .trim_start_matches("其中")
                            .trim_start_matches([':', '：'])
                    )
                })
                .collect::<Vec<_>>()
                .join(" + ");
            let mut finding = Finding::new(
                &META,
                format!(
                    "年度资金总额{name} {}{unit}，其中各行合计 {sum}{unit}（{terms}），相差 {diff}{unit}",
                    t.value
                ),
            )
            .at(t.at);
            if !unplaced.is_empty() {
                let lines = unplaced
                    .iter()
                    .map(|l| format!("第{l}行"))
                    .collect::<Vec<_>>()
                    .join("、");
                finding.message.push_str(&format!(
                    "；资金区另有未能识别的行（{lines}），合计可能不完整"
                ));
                finding = finding.severity(Severity::Warning);
            }
            out.push(finding);
        }
    }
}
