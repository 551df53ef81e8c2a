//! The aggregate tables `agg_forms` (per year, unit, grade, status: forms, forms with a total,
//! Σ total_centi, Σ errors) and `agg_findings` (per year, unit, rule code: forms with the
//! rule, findings). Every write that changes a form's row or findings takes the form's
//! contribution out ([`form_out_tx`]) after locking the row and before the change, and puts it
//! back ([`form_in_tx`]) after it, in the same transaction, so the tables always equal a
//! recount (test `aggregates_equal_a_recount`). Rows that drop to zero stay; readers filter them.

use crate::Result;

type Tx = sqlx::Transaction<'static, sqlx::Any>;

const FORMS_SQL: &str = "INSERT INTO agg_forms (year, unit_id, grade, status, forms, scored, sum_centi, errors) \
    SELECT COALESCE(year, 0), unit_id, COALESCE(grade, ''), status, $2, \
    CASE WHEN total_centi IS NULL THEN 0 ELSE $2 END, COALESCE(total_centi, 0) * $2, errors * $2 \
    FROM forms WHERE id = $1 \
    ON CONFLICT (year, unit_id, grade, status) DO UPDATE SET forms = agg_forms.forms + excluded.forms, \
    scored = agg_forms.scored + excluded.scored, sum_centi = agg_forms.sum_centi + excluded.sum_centi, \
    errors = agg_forms.errors + excluded.errors";

const FINDINGS_SQL: &str = "INSERT INTO agg_findings (year, unit_id, code, forms, findings) \
    SELECT COALESCE(f.year, 0), f.unit_id, x.code, $2, COUNT(*) * $2 \
    FROM findings x JOIN forms f ON f.id = x.form_id WHERE x.form_id = $1 \
    GROUP BY COALESCE(f.year, 0), f.unit_id, x.code \
    ON CONFLICT (year, unit_id, code) DO UPDATE SET forms = agg_findings.forms + excluded.forms, \
    findings = agg_findings.findings + excluded.findings";

async fn apply(tx: &mut Tx, id: i64, sign: i64) -> Result<()> {
    sqlx::query(FORMS_SQL)
        .bind(id)
        .bind(sign)
        .execute(&mut **tx)
        .await?;
    sqlx::query(FINDINGS_SQL)
        .bind(id)
        .bind(sign)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Add form `id` (its current row and findings) to the aggregates.
pub(crate) async fn form_in_tx(tx: &mut Tx, id: i64) -> Result<()> {
    apply(tx, id, 1).await
}

/// Take form `id` (its current row and findings) out of the aggregates. The caller must hold
/// the row's write lock already (an `UPDATE` of it earlier in the transaction).
pub(crate) async fn form_out_tx(tx: &mut Tx, id: i64) -> Result<()> {
    apply(tx, id, -1).await
}
