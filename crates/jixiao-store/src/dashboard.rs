//! Dashboard aggregates over the forms a user sees: by unit, grade, status, rule and year.
//! Averages are exact: sums of `total_centi` (hundredths) divided in `Decimal`.

use crate::forms::scope_sql;
use crate::users::User;
use crate::{Result, Store};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use std::collections::BTreeMap;

/// Aggregates for one year (or all years).
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub year: Option<i64>,
    pub forms: i64,
    /// Average total score, two decimals.
    pub avg_total: Option<String>,
    pub by_unit: Vec<UnitRow>,
    pub by_grade: Vec<CountRow>,
    pub by_status: Vec<CountRow>,
    pub by_rule: Vec<RuleRow>,
    pub by_year: Vec<YearRow>,
}

/// One unit's figures.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRow {
    pub unit_id: i64,
    pub unit_name: String,
    pub forms: i64,
    pub avg_total: Option<String>,
    pub errors: i64,
}

/// A key and how many forms have it.
#[derive(Debug, Clone, Serialize)]
pub struct CountRow {
    pub key: Option<String>,
    pub forms: i64,
}

/// One rule: forms with it and findings in all.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRow {
    pub code: String,
    pub forms: i64,
    pub findings: i64,
}

/// One year's figures.
#[derive(Debug, Clone, Serialize)]
pub struct YearRow {
    pub year: Option<i64>,
    pub forms: i64,
    pub avg_total: Option<String>,
}

/// (unit id, name, forms, Σ total_centi, forms with a total, Σ errors).
type UnitSql = (i64, String, i64, i64, i64, i64);

/// A row of `agg_forms`: (year, unit, grade, status, forms, scored, Σ total_centi, Σ errors).
type AggRow = (i64, i64, String, String, i64, i64, i64, i64);

/// sum / n / 100, two decimals, half away from zero.
fn avg(sum: Option<i64>, n: i64) -> Option<String> {
    let sum = sum?;
    if n == 0 {
        return None;
    }
    let v = Decimal::from(sum) / Decimal::from(n) / Decimal::ONE_HUNDRED;
    let mut v = v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(2);
    Some(v.to_string())
}

impl Store {
    /// Aggregates over the forms `user` sees, for `year` (all years when `None`).
    pub async fn dashboard(&self, user: &User, year: Option<i64>) -> Result<Dashboard> {
        // Everything comes from the aggregate tables (`agg_forms`, `agg_findings`), kept in step
        // with the forms by every write: a few hundred rows at most, whatever the number of forms.
        let scope = scope_sql(self, user).await?;
        let mut wh = scope.clone();
        if let Some(y) = year {
            wh.push_str(&format!(" AND f.year = {y}"));
        }
        let q = |sql: String| sqlx::AssertSqlSafe(sql);
        // One scan of the aggregate rows in scope (all years, for the year-over-year part),
        // summed here: one pass instead of a GROUP BY per figure.
        let rows: Vec<AggRow> = sqlx::query_as(q(format!(
            "SELECT f.year, f.unit_id, f.grade, f.status, f.forms, f.scored, f.sum_centi, f.errors \
             FROM agg_forms f WHERE {scope} AND f.forms <> 0"
        )))
        .fetch_all(&self.pool)
        .await?;
        let names: BTreeMap<i64, String> = self
            .list_orgs()
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        let (mut forms, mut sum, mut scored) = (0i64, 0i64, 0i64);
        let mut units: BTreeMap<i64, [i64; 4]> = BTreeMap::new();
        let mut grades: BTreeMap<String, i64> = BTreeMap::new();
        let mut statuses: BTreeMap<String, i64> = BTreeMap::new();
        let mut by_year: BTreeMap<i64, [i64; 3]> = BTreeMap::new();
        for (y, unit, grade, status, n, c, s, e) in rows {
            let yr = by_year.entry(y).or_default();
            yr[0] += n;
            yr[1] += s;
            yr[2] += c;
            if year.is_some_and(|want| want != y) {
                continue;
            }
            forms += n;
            sum += s;
            scored += c;
            let u = units.entry(unit).or_default();
            u[0] += n;
            u[1] += s;
            u[2] += c;
            u[3] += e;
            *grades.entry(grade).or_default() += n;
            *statuses.entry(status).or_default() += n;
        }
        let sum = (scored > 0).then_some(sum);
        let mut units_rows: Vec<UnitSql> = units
            .into_iter()
            .filter(|(_, v)| v[0] > 0)
            .map(|(id, v)| {
                let name = names.get(&id).cloned().unwrap_or_default();
                (id, name, v[0], v[1], v[2], v[3])
            })
            .collect();
        units_rows.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        let grade: Vec<(String, i64)> = grades.into_iter().filter(|(_, n)| *n > 0).collect();
        let status: Vec<(String, i64)> = statuses.into_iter().filter(|(_, n)| *n > 0).collect();
        let years: Vec<(i64, i64, i64, i64)> = by_year
            .into_iter()
            .filter(|(_, v)| v[0] > 0)
            .map(|(y, v)| (y, v[0], v[1], v[2]))
            .collect();
        let rules: Vec<(String, i64, i64)> = sqlx::query_as(q(format!(
            "SELECT f.code, CAST(SUM(f.forms) AS BIGINT), CAST(SUM(f.findings) AS BIGINT) FROM agg_findings f \
             WHERE {wh} GROUP BY f.code HAVING SUM(f.findings) > 0 ORDER BY SUM(f.findings) DESC, f.code"
        )))
        .fetch_all(&self.pool)
        .await?;
        // Year 0 and grade '' are the aggregates' keys for "none".
        let grade: Vec<(Option<String>, i64)> = grade
            .into_iter()
            .map(|(g, n)| ((!g.is_empty()).then_some(g), n))
            .collect();
        let status: Vec<(Option<String>, i64)> =
            status.into_iter().map(|(s, n)| (Some(s), n)).collect();
        let years: Vec<(Option<i64>, i64, Option<i64>, i64)> = years
            .into_iter()
            .map(|(y, n, s, c)| ((y != 0).then_some(y), n, (c > 0).then_some(s), c))
            .collect();
        Ok(Dashboard {
            year,
            forms,
            avg_total: avg(sum, scored),
            by_unit: units_rows
                .into_iter()
                .map(|(unit_id, unit_name, forms, sum, n, errors)| UnitRow {
                    unit_id,
                    unit_name,
                    forms,
                    avg_total: avg((n > 0).then_some(sum), n),
                    errors,
                })
                .collect(),
            by_grade: grade
                .into_iter()
                .map(|(key, forms)| CountRow { key, forms })
                .collect(),
            by_status: status
                .into_iter()
                .map(|(key, forms)| CountRow { key, forms })
                .collect(),
            by_rule: rules
                .into_iter()
                .map(|(code, forms, findings)| RuleRow {
                    code,
                    forms,
                    findings,
                })
                .collect(),
            by_year: years
                .into_iter()
                .map(|(year, forms, sum, n)| YearRow {
                    year,
                    forms,
                    avg_total: avg(sum, n),
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn average_is_exact() {
        // (95.98 + 80.01) / 2 = 87.995 → 88.00; (95.98 + 80.00) / 2 = 87.99
        assert_eq!(super::avg(Some(9598 + 8001), 2).as_deref(), Some("88.00"));
        assert_eq!(super::avg(Some(9598 + 8000), 2).as_deref(), Some("87.99"));
        assert_eq!(super::avg(Some(10000), 1).as_deref(), Some("100.00"));
        assert_eq!(super::avg(None, 0), None);
    }
}
