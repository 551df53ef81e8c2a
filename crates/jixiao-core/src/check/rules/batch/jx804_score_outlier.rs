use super::{reported_total, total_pos};
use crate::check::{Area, BatchItem, Finding, Rule, RuleMeta, Severity};
use crate::score::round2;
use rust_decimal::Decimal;

/// A form whose total lies far outside the batch's interquartile range.
pub struct ScoreOutlier;

// Thresholds (INFERRED), from the first form's profile: fewer scored forms than
// `review.outlier_min_forms` (8) give no meaningful quartiles; the IQR is taken as at least
// `review.outlier_min_iqr` (1 point), so that in a batch where most forms score exactly the same
// a difference of a few hundredths is not an outlier.

static META: RuleMeta = RuleMeta {
    code: "JX804",
    name: "score-outlier",
    area: Area::Batch,
    severity: Severity::Info,
    title: "总分明显偏离同批其他自评表",
    what: "同批至少 8 张完整、有总分的自评表时，按总分计算四分位数 Q1、Q3（线性插值）和四分位距 IQR = Q3 − Q1（至少按 1 分计，INFERRED）；总分低于 Q1 − 1.5·IQR 或高于 Q3 + 1.5·IQR 的表给出提示。",
    why: "同一批（同一单位或同一地区同一年度）的项目，自评总分通常相近。明显偏低的表可能有漏填、算错或项目确有严重问题；明显偏高的表可能评分尺度与其他表不同。两者都值得优先查看。",
    bad: "同批 16 张表总分在 93.6～100 之间，其中一张为 62.00。",
    good: "各表总分都在同批的正常范围内；偏离较大的表在偏差原因中写明了原因。",
    fix: "核对该表的执行率、各指标得分和总分计算；确属项目实际情况的，在总体目标完成情况和偏差原因中写明。",
    source: "INFERRED (Tukey fences over the batch)",
};

/// Quartile `k/4` (k = 1 or 3) of sorted values, linear interpolation between order statistics
/// (the usual `(n − 1)·p` rule).
fn quartile(sorted: &[Decimal], k: usize) -> Option<Decimal> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let pos4 = (n - 1).checked_mul(k)?;
    let (lo, rem) = (pos4 / 4, pos4 % 4);
    let a = *sorted.get(lo)?;
    if rem == 0 {
        return Some(a);
    }
    let b = *sorted.get(lo + 1)?;
    let frac = Decimal::new(i64::try_from(rem).ok()?, 0).checked_div(Decimal::from(4))?;
    a.checked_add(b.checked_sub(a)?.checked_mul(frac)?)
}

/// `(lower fence, upper fence, q1, q3)`, with the IQR taken as at least `min_iqr`.
fn fences(sorted: &[Decimal], min_iqr: Decimal) -> Option<(Decimal, Decimal, Decimal, Decimal)> {
    let q1 = quartile(sorted, 1)?;
    let q3 = quartile(sorted, 3)?;
    let iqr = q3.checked_sub(q1)?.max(min_iqr);
    let reach = iqr.checked_mul(Decimal::new(15, 1))?;
    Some((q1.checked_sub(reach)?, q3.checked_add(reach)?, q1, q3))
}

impl Rule for ScoreOutlier {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_batch(&self, batch: &[BatchItem], out: &mut Vec<(usize, Finding)>) {
        let scored: Vec<(usize, Decimal)> = batch
            .iter()
            .enumerate()
            .filter_map(|(i, b)| reported_total(b).map(|t| (i, t)))
            .collect();
        let Some(review) = batch.first().map(|b| &b.profile.review) else {
            return;
        };
        if scored.len() < review.outlier_min_forms {
            return;
        }
        let mut sorted: Vec<Decimal> = scored.iter().map(|(_, t)| *t).collect();
        sorted.sort();
        let Some((low, high, q1, q3)) = fences(&sorted, review.outlier_min_iqr) else {
            return;
        };
        for &(idx, total) in &scored {
            let side = if total < low {
                format!("低于下限 {}", round2(low))
            } else if total > high {
                format!("高于上限 {}", round2(high))
            } else {
                continue;
            };
            let mut finding = Finding::new(
                &META,
                format!(
                    "总分 {total} 明显偏离同批 {} 张自评表（Q1 {}，Q3 {}），{side}",
                    scored.len(),
                    round2(q1),
                    round2(q3)
                ),
            );
            if let Some(at) = total_pos(batch[idx].form) {
                finding = finding.at(at);
            }
            out.push((idx, finding));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn quartiles_interpolate() {
        let v = [dec!(1), dec!(2), dec!(3), dec!(4), dec!(5)];
        assert_eq!(quartile(&v, 1), Some(dec!(2)));
        assert_eq!(quartile(&v, 3), Some(dec!(4)));
        let v = [dec!(1), dec!(2), dec!(3), dec!(4)];
        assert_eq!(quartile(&v, 1), Some(dec!(1.75)));
        assert_eq!(quartile(&v, 3), Some(dec!(3.25)));
        assert_eq!(quartile(&[], 1), None);
    }

    #[test]
    fn seed_totals_have_no_outlier() {
        let mut v = vec![
            dec!(95.98),
            dec!(99.95),
            dec!(95.24),
            dec!(100.00),
            dec!(97.50),
            dec!(97.55),
            dec!(93.60),
            dec!(99.87),
            dec!(93.77),
            dec!(97.67),
            dec!(100.00),
            dec!(97.50),
            dec!(99.97),
            dec!(99.93),
            dec!(99.85),
            dec!(100.00),
        ];
        v.sort();
        let (low, high, _, _) = fences(&v, Decimal::ONE).unwrap_or_default();
        assert!(v.iter().all(|t| *t >= low && *t <= high));
        assert_eq!(round2(low), dec!(92.87));
    }

    #[test]
    fn iqr_floor() {
        // Everything at 100 but one 99.9: not an outlier (IQR floored at 1 point).
        let mut v = vec![dec!(100); 9];
        v.push(dec!(99.9));
        v.sort();
        let (low, _, _, _) = fences(&v, Decimal::ONE).unwrap_or_default();
        assert!(dec!(99.9) >= low);
    }
}
