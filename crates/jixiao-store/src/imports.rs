//! Import batches: every form of every file in one transaction, all or nothing, with a report
//! per file. Files are read by the caller (`jixiao_io::read_forms`) and passed in as forms.

use crate::forms::{columns, insert_form_tx};
use crate::users::User;
use crate::{Result, Store, StoreError, now_ms};
use jixiao_core::model::{Form, FormStatus};
use serde::Serialize;

/// One uploaded file and the forms read from it.
#[derive(Debug, Clone)]
pub struct ImportFile {
    pub name: String,
    pub forms: Vec<Form>,
}

/// What happened to one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    /// Forms read from the file.
    pub forms: usize,
    /// Ids of the forms created (empty when the batch was not imported).
    pub form_ids: Vec<i64>,
    /// Why the file (and so the batch) was refused, in Chinese.
    pub error: Option<String>,
}

/// The outcome of a batch: imported (`batch_id` set) or nothing imported.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub imported: bool,
    pub batch_id: Option<i64>,
    pub forms: usize,
    pub files: Vec<FileReport>,
}

/// Knobs for tests and benchmarks.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Fail (as if the process died) after this many forms were written; for tests.
    pub fail_after: Option<usize>,
    /// Put every form in this unit instead of the one its header names (demo data).
    pub unit_override: Option<i64>,
}

impl Store {
    /// Import every form of `files` in one transaction (see [`Store::import_with`]).
    pub async fn import(&self, user: &User, files: Vec<ImportFile>) -> Result<ImportReport> {
        self.import_with(user, files, &ImportOptions::default())
            .await
    }

    /// Import every form of `files` in one transaction. A file with no readable form, or a form
    /// outside the user's units, refuses the whole batch: the report says which file and why.
    pub async fn import_with(
        &self,
        user: &User,
        files: Vec<ImportFile>,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let mut reports: Vec<FileReport> = files
            .iter()
            .map(|f| FileReport {
                file: f.name.clone(),
                forms: f.forms.len(),
                form_ids: Vec::new(),
                error: file_problem(f),
            })
            .collect();
        let total: usize = files.iter().map(|f| f.forms.len()).sum();
        if let Some(u) = opts.unit_override {
            let org = self.get_org(u).await?;
            if !user.sees(&org) {
                return Err(StoreError::Forbidden(format!(
                    "单位“{}”不在您的管辖范围内",
                    org.name
                )));
            }
        }
        if files.is_empty() {
            return Err(StoreError::Invalid("没有收到文件".into()));
        }
        if reports.iter().any(|r| r.error.is_some()) {
            return Ok(ImportReport {
                imported: false,
                batch_id: None,
                forms: 0,
                files: reports,
            });
        }
        let mut tx = self.pool.begin().await?;
        let batch_id: i64 = sqlx::query_scalar(
            "INSERT INTO import_batches (user_id, created_at, files, forms, report) VALUES ($1, $2, $3, $4, '') RETURNING id",
        )
        .bind(user.id)
        .bind(now_ms())
        .bind(files.len() as i64)
        .bind(total as i64)
        .fetch_one(&mut *tx)
        .await?;
        let mut written = 0usize;
        for (fi, file) in files.into_iter().enumerate() {
            for form in file.forms {
                if opts.fail_after == Some(written) {
                    // Dropping the transaction rolls everything back, as a crash would.
                    drop(tx);
                    return Err(StoreError::Invalid(format!(
                        "导入在第 {written} 份自评表后中断（测试注入）"
                    )));
                }
                match insert_form_tx(
                    &mut tx,
                    user,
                    columns(form),
                    Some(batch_id),
                    opts.unit_override,
                    "import",
                )
                .await
                {
                    Ok(id) => reports[fi].form_ids.push(id),
                    Err(
                        e @ (StoreError::Forbidden(_)
                        | StoreError::Invalid(_)
                        | StoreError::NotFound(_)),
                    ) => {
                        tx.rollback().await?;
                        reports[fi].error = Some(e.to_string());
                        for r in &mut reports {
                            r.form_ids.clear();
                        }
                        return Ok(ImportReport {
                            imported: false,
                            batch_id: None,
                            forms: 0,
                            files: reports,
                        });
                    }
                    Err(e) => return Err(e),
                }
                written += 1;
            }
        }
        let report = serde_json::to_string(&reports).unwrap_or_default();
        sqlx::query("UPDATE import_batches SET report = $1 WHERE id = $2")
            .bind(report)
            .bind(batch_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(ImportReport {
            imported: true,
            batch_id: Some(batch_id),
            forms: written,
            files: reports,
        })
    }
}

/// Why a file cannot be imported, if it cannot.
fn file_problem(f: &ImportFile) -> Option<String> {
    if f.forms.is_empty() {
        return Some(format!("文件“{}”中没有读到自评表", f.name));
    }
    for form in &f.forms {
        if let FormStatus::Unreadable { why } = &form.status {
            return Some(format!("文件“{}”无法读取：{why}", f.name));
        }
    }
    None
}
