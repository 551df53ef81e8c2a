//! Dashboard aggregates over the forms a user sees: by unit, grade, status, rule and year.
//! Averages are exact: sums of `total_centi` (hundredths) divided in `Decimal`.

use crate::forms::scope_sql;
use crate::users::User;
use crate::{Result, Store};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

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
type UnitSql = (i64, String, i64, Option<i64>, i64, Option<i64>);

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
        let scope = scope_sql(self, user).await?;
        let mut wh = scope.clone();
        if let Some(y) = year {
            wh.push_str(&format!(" AND f.year = {y}"));
        }
        let q = |sql: String| sqlx::AssertSqlSafe(sql);
        let (forms, sum, scored): (i64, Option<i64>, i64) = sqlx::query_as(q(format!(
            "SELECT COUNT(*), CAST(SUM(f.total_centi) AS BIGINT), COUNT(f.total_centi) FROM forms f WHERE {wh}"
        )))
        .fetch_one(&self.pool)
        .await?;
        let units_rows: Vec<UnitSql> = sqlx::query_as(q(format!(
            "SELECT f.unit_id, o.name, COUNT(*), CAST(SUM(f.total_centi) AS BIGINT), COUNT(f.total_centi), \
             CAST(SUM(f.errors) AS BIGINT) FROM forms f JOIN orgs o ON o.id = f.unit_id WHERE {wh} \
             GROUP BY f.unit_id, o.name ORDER BY o.name"
        )))
        .fetch_all(&self.pool)
        .await?;
        let grade: Vec<(Option<String>, i64)> = sqlx::query_as(q(format!(
            "SELECT f.grade, COUNT(*) FROM forms f WHERE {wh} GROUP BY f.grade ORDER BY f.grade"
        )))
        .fetch_all(&self.pool)
        .await?;
        let status: Vec<(Option<String>, i64)> = sqlx::query_as(q(format!(
            "SELECT f.status, COUNT(*) FROM forms f WHERE {wh} GROUP BY f.status ORDER BY f.status"
        )))
        .fetch_all(&self.pool)
        .await?;
        let rules: Vec<(String, i64, i64)> = sqlx::query_as(q(format!(
            "SELECT x.code, COUNT(DISTINCT x.form_id), COUNT(*) FROM findings x JOIN forms f ON f.id = x.form_id \
             WHERE {wh} GROUP BY x.code ORDER BY COUNT(*) DESC, x.code"
        )))
        .fetch_all(&self.pool)
        .await?;
        let all_years = scope;
        let years: Vec<(Option<i64>, i64, Option<i64>, i64)> = sqlx::query_as(q(format!(
            "SELECT f.year, COUNT(*), CAST(SUM(f.total_centi) AS BIGINT), COUNT(f.total_centi) FROM forms f \
             WHERE {all_years} GROUP BY f.year ORDER BY f.year"
        )))
        .fetch_all(&self.pool)
        .await?;
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
                    avg_total: avg(sum, n),
                    errors: errors.unwrap_or(0),
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
