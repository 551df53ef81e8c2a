//! Users, their roles and where they sit in the organisation tree; Argon2id password hashes.

use crate::orgs::Org;
use crate::{Result, Store, StoreError, now_ms};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// What a user may do (see docs/server.md, roles matrix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 财政局: everything a supervisor can, everywhere, plus publish and user management.
    FinanceAdmin,
    /// 主管部门: reviews the forms of its own org and every org below it.
    Supervisor,
    /// 实施单位 filer: edits and submits the forms of its own unit only.
    Filer,
}

impl Role {
    /// The stable code stored and shown in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Role::FinanceAdmin => "finance_admin",
            Role::Supervisor => "supervisor",
            Role::Filer => "filer",
        }
    }

    /// Parse a code.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "finance_admin" => Some(Role::FinanceAdmin),
            "supervisor" => Some(Role::Supervisor),
            "filer" => Some(Role::Filer),
            _ => None,
        }
    }
}

/// A signed-in user (no password hash).
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub org_id: i64,
    pub org_name: String,
    /// The org's materialised path (`/1/4/`), for subtree checks.
    pub org_path: String,
}

impl User {
    /// Whether this user may see forms of `org` (filer: its unit; supervisor: its subtree;
    /// finance_admin: its subtree, i.e. the whole bureau).
    pub fn sees(&self, org: &Org) -> bool {
        self.sees_path(org.id, &org.path)
    }

    /// Same as [`User::sees`] given the org's id and path.
    pub fn sees_path(&self, org_id: i64, path: &str) -> bool {
        match self.role {
            Role::Filer => org_id == self.org_id,
            Role::Supervisor | Role::FinanceAdmin => path.starts_with(&self.org_path),
        }
    }
}

/// Argon2id PHC string of `password`.
pub fn hash_password(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Invalid(format!("无法生成密码摘要：{e}")))
}

/// Whether `password` matches the PHC string `phc`.
pub fn verify_password(phc: &str, password: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Run an Argon2 hash or check on tokio's blocking pool: each takes tens of milliseconds of
/// CPU, which must not stall the async workers serving other requests.
async fn off_the_runtime<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| StoreError::Internal(format!("密码计算任务失败：{e}")))
}

/// [`hash_password`] on the blocking pool.
pub async fn hash_password_async(password: &str) -> Result<String> {
    let password = password.to_string();
    off_the_runtime(move || hash_password(&password)).await?
}

/// [`verify_password`] on the blocking pool.
pub async fn verify_password_async(phc: String, password: &str) -> Result<bool> {
    let password = password.to_string();
    off_the_runtime(move || verify_password(&phc, &password)).await
}

const SELECT: &str = "SELECT u.id, u.username, u.display_name, u.role, u.org_id, o.name AS org_name, \
    o.path AS org_path, u.password_hash FROM users u JOIN orgs o ON o.id = u.org_id";

fn user_from_row(r: &AnyRow) -> Result<User> {
    let role: String = r.try_get("role")?;
    Ok(User {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Invalid(format!("未知角色 {role}")))?,
        org_id: r.try_get("org_id")?,
        org_name: r.try_get("org_name")?,
        org_path: r.try_get("org_path")?,
    })
}

impl Store {
    /// Create a user with a password (hashed with Argon2id).
    pub async fn create_user(
        &self,
        username: &str,
        display_name: &str,
        role: Role,
        org_id: i64,
        password: &str,
    ) -> Result<User> {
        let username = username.trim();
        if username.is_empty() || password.len() < 8 {
            return Err(StoreError::Invalid(
                "用户名不能为空，密码至少 8 个字符".to_string(),
            ));
        }
        // The org is named in the body: an unknown one is bad input (400), not a database error.
        let org: Option<i64> = sqlx::query_scalar("SELECT id FROM orgs WHERE id = $1")
            .bind(org_id)
            .fetch_optional(&self.pool)
            .await?;
        if org.is_none() {
            return Err(StoreError::Invalid(format!("所属单位 {org_id} 不存在")));
        }
        let hash = hash_password_async(password).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, role, org_id, password_hash, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
        )
        .bind(username)
        .bind(display_name)
        .bind(role.code())
        .bind(org_id)
        .bind(&hash)
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                StoreError::Invalid(format!("用户名“{username}”已被使用"))
            }
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
                StoreError::Invalid(format!("所属单位 {org_id} 不存在"))
            }
            e => StoreError::Db(e),
        })?;
        self.get_user(id).await
    }

    /// One active user by id.
    pub async fn get_user(&self, id: i64) -> Result<User> {
        let sql = format!("{SELECT} WHERE u.id = $1 AND u.active = 1");
        let r = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("用户 {id}")))?;
        user_from_row(&r)
    }

    /// Check a username and password; `None` when either is wrong (same answer for both).
    pub async fn authenticate(&self, username: &str, password: &str) -> Result<Option<User>> {
        let sql = format!("{SELECT} WHERE u.username = $1 AND u.active = 1");
        let r = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        let Some(r) = r else {
            // Spend the same time as a real check so timing does not reveal the username.
            let _ = verify_password_async(DUMMY_HASH.to_string(), password).await?;
            return Ok(None);
        };
        let phc: String = r.try_get("password_hash")?;
        if verify_password_async(phc, password).await? {
            Ok(Some(user_from_row(&r)?))
        } else {
            Ok(None)
        }
    }

    /// Every user (finance_admin's user management).
    pub async fn list_users(&self) -> Result<Vec<User>> {
        let sql = format!("{SELECT} WHERE u.active = 1 ORDER BY u.id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Set a new password.
    pub async fn set_password(&self, user_id: i64, password: &str) -> Result<()> {
        if password.len() < 8 {
            return Err(StoreError::Invalid("密码至少 8 个字符".into()));
        }
        let hash = hash_password_async(password).await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// A valid Argon2id hash of a random string, verified against when the username is unknown.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0v2nVnUKXW5Mf0jxcfmsUiy1rAX3vhZK2ksVNLWUeTw";
