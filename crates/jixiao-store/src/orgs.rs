//! The organisation tree: 财政局 (finance bureau) → 主管部门 (supervisor) → 实施单位 (unit).
//! Each org keeps a materialised `path` (`/1/4/9/`) so a subtree is one prefix match.

use crate::{Result, Store, StoreError, now_ms};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The kind of an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    FinanceBureau,
    Supervisor,
    Unit,
}

impl OrgKind {
    /// The stable code stored and shown in JSON.
    pub fn code(self) -> &'static str {
        match self {
            OrgKind::FinanceBureau => "finance_bureau",
            OrgKind::Supervisor => "supervisor",
            OrgKind::Unit => "unit",
        }
    }

    /// Parse a stored code.
    pub fn parse(s: &str) -> Option<OrgKind> {
        match s {
            "finance_bureau" => Some(OrgKind::FinanceBureau),
            "supervisor" => Some(OrgKind::Supervisor),
            "unit" => Some(OrgKind::Unit),
            _ => None,
        }
    }
}

/// One organisation.
#[derive(Debug, Clone, Serialize)]
pub struct Org {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: OrgKind,
    pub name: String,
    pub path: String,
}

/// A unit name reduced for matching: full-width parentheses and letters folded to half width,
/// every kind of space removed (`深圳市罗湖区委（政府） 办本级` → `深圳市罗湖区委(政府)办本级`).
pub fn normalise_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn org_from_row(r: &AnyRow) -> Result<Org> {
    let kind: String = r.try_get("kind")?;
    Ok(Org {
        id: r.try_get("id")?,
        parent_id: r.try_get("parent_id")?,
        kind: OrgKind::parse(&kind)
            .ok_or_else(|| StoreError::Invalid(format!("未知的单位类型 {kind}")))?,
        name: r.try_get("name")?,
        path: r.try_get("path")?,
    })
}

impl Store {
    /// Create an org under `parent` (None for the root). Fails if the normalised name exists.
    pub async fn create_org(&self, parent: Option<i64>, kind: OrgKind, name: &str) -> Result<Org> {
        let mut tx = self.pool.begin().await?;
        let org = create_org_tx(&mut tx, parent, kind, name).await?;
        tx.commit().await?;
        Ok(org)
    }

    /// Every org, by path (tree order).
    pub async fn list_orgs(&self) -> Result<Vec<Org>> {
        let rows = sqlx::query("SELECT id, parent_id, kind, name, path FROM orgs ORDER BY path")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(org_from_row).collect()
    }

    /// One org by id.
    pub async fn get_org(&self, id: i64) -> Result<Org> {
        let r = sqlx::query("SELECT id, parent_id, kind, name, path FROM orgs WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("单位 {id}")))?;
        org_from_row(&r)
    }

    /// The org whose normalised name equals that of `name`.
    pub async fn find_org(&self, name: &str) -> Result<Option<Org>> {
        let r =
            sqlx::query("SELECT id, parent_id, kind, name, path FROM orgs WHERE norm_name = $1")
                .bind(normalise_name(name))
                .fetch_optional(&self.pool)
                .await?;
        r.as_ref().map(org_from_row).transpose()
    }
}

/// Create an org inside a transaction.
pub async fn create_org_tx(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    parent: Option<i64>,
    kind: OrgKind,
    name: &str,
) -> Result<Org> {
    let norm = normalise_name(name);
    if norm.is_empty() {
        return Err(StoreError::Invalid("单位名称不能为空".into()));
    }
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM orgs WHERE norm_name = $1")
        .bind(&norm)
        .fetch_optional(&mut **tx)
        .await?;
    if exists.is_some() {
        return Err(StoreError::Invalid(format!("单位“{name}”已存在")));
    }
    let parent_path = match parent {
        Some(p) => sqlx::query_scalar::<_, String>("SELECT path FROM orgs WHERE id = $1")
            .bind(p)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(|| StoreError::Invalid(format!("上级单位 {p} 不存在")))?,
        None => "/".to_string(),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO orgs (parent_id, kind, name, norm_name, path, created_at) \
         VALUES ($1, $2, $3, $4, '', $5) RETURNING id",
    )
    .bind(parent)
    .bind(kind.code())
    .bind(name)
    .bind(&norm)
    .bind(now_ms())
    .fetch_one(&mut **tx)
    .await?;
    let path = format!("{parent_path}{id}/");
    sqlx::query("UPDATE orgs SET path = $1 WHERE id = $2")
        .bind(&path)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(Org {
        id,
        parent_id: parent,
        kind,
        name: name.to_string(),
        path,
    })
}

/// Find an org by normalised name inside a transaction.
pub async fn find_org_tx(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    name: &str,
) -> Result<Option<Org>> {
    let r = sqlx::query("SELECT id, parent_id, kind, name, path FROM orgs WHERE norm_name = $1")
        .bind(normalise_name(name))
        .fetch_optional(&mut **tx)
        .await?;
    r.as_ref().map(org_from_row).transpose()
}

#[cfg(test)]
mod tests {
    use super::normalise_name;

    #[test]
    fn three_spellings_one_name() {
        let a = normalise_name("深圳市罗湖区委（政府）办本级");
        assert_eq!(a, "深圳市罗湖区委(政府)办本级");
        assert_eq!(normalise_name("深圳市罗湖区委(政府)办本级"), a);
        assert_eq!(normalise_name("深圳市罗湖区委（政府） 办本级"), a);
    }
}
