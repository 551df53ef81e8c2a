//! Storage for the jixiao server: the organisation tree, users and sessions, forms with every
//! saved version, findings with their triage, reviewer scores, comments, import batches and an
//! append-only audit log. SQLite (embedded, the default) or PostgreSQL (`postgres://…`).
//!
//! One SQL text serves both databases through `sqlx::Any`: placeholders are `$N` (SQLite maps
//! `$N` to argument N), integers are BIGINT, decimals are TEXT holding the canonical decimal
//! string (`"95.98"`) plus an exact integer column in hundredths (`total_centi`) for sorting and
//! aggregates. Only the DDL differs (`migrations/sqlite`, `migrations/postgres`). The SQL of
//! each entity lives in its module.

mod agg;
pub mod audit;
pub mod auth;
pub mod dashboard;
pub mod findings;
pub mod forms;
pub mod imports;
pub mod orgs;
pub mod users;
pub mod workflow;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, SqlSafeStr};
use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

pub use orgs::{Org, OrgKind};
pub use users::{Role, User};
pub use workflow::{Action, Status};

/// Which database is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// The store: a connection pool and its dialect. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pub pool: AnyPool,
    pub dialect: Dialect,
}

/// What a store operation can fail with; the server maps each to an HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing does not exist, or the user may not see it (404).
    #[error("未找到：{0}")]
    NotFound(String),
    /// The user sees it but may not do this (403).
    #[error("无权操作：{0}")]
    Forbidden(String),
    /// The form changed since it was read (409); `current_version` is the stored version.
    #[error("自评表已被他人修改（当前版本 {current_version}），请重新打开后再保存")]
    Conflict { current_version: i64 },
    /// The request is well-formed but not allowed in this state (422); `details` lists why.
    #[error("{message}")]
    Unprocessable {
        message: String,
        details: serde_json::Value,
    },
    /// The input is malformed (400).
    #[error("输入有误：{0}")]
    Invalid(String),
    /// A database failure (500).
    #[error("数据库错误：{0}")]
    Db(#[from] sqlx::Error),
    /// Something went wrong inside the server (500).
    #[error("内部错误：{0}")]
    Internal(String),
    /// A migration failure (500).
    #[error("数据库迁移失败：{0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Result of a store operation.
pub type Result<T> = std::result::Result<T, StoreError>;

const SQLITE_INIT: &str = include_str!("../migrations/sqlite/0001_init.sql");
const POSTGRES_INIT: &str = include_str!("../migrations/postgres/0001_init.sql");
const SQLITE_AGG: &str = include_str!("../migrations/sqlite/0002_aggregates.sql");
const POSTGRES_AGG: &str = include_str!("../migrations/postgres/0002_aggregates.sql");
const SQLITE_FILTER_INDEXES: &str = include_str!("../migrations/sqlite/0003_filter_indexes.sql");
const POSTGRES_FILTER_INDEXES: &str =
    include_str!("../migrations/postgres/0003_filter_indexes.sql");

impl Store {
    /// Connect to `url` (`sqlite://path?mode=rwc` or `postgres://…`) and run the migrations.
    pub async fn connect(url: &str) -> Result<Store> {
        install_default_drivers();
        let dialect = if url.starts_with("postgres") {
            Dialect::Postgres
        } else {
            Dialect::Sqlite
        };
        let max = match dialect {
            Dialect::Sqlite => 4,
            Dialect::Postgres => 8,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .connect(url)
            .await?;
        if dialect == Dialect::Sqlite {
            sqlx::query("PRAGMA journal_mode=WAL")
                .execute(&pool)
                .await?;
        }
        let store = Store { pool, dialect };
        store.migrate().await?;
        Ok(store)
    }

    /// Open (creating it if needed) the SQLite database `jixiao.db` in `dir`.
    pub async fn open_dir(dir: &std::path::Path) -> Result<Store> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Invalid(format!("无法创建数据目录 {}：{e}", dir.display())))?;
        let path = dir.join("jixiao.db");
        Store::connect(&format!("sqlite://{}?mode=rwc", path.display())).await
    }

    /// Apply the schema migrations of this dialect (idempotent).
    pub async fn migrate(&self) -> Result<()> {
        let (init, agg, filter_indexes) = match self.dialect {
            Dialect::Sqlite => (SQLITE_INIT, SQLITE_AGG, SQLITE_FILTER_INDEXES),
            Dialect::Postgres => (POSTGRES_INIT, POSTGRES_AGG, POSTGRES_FILTER_INDEXES),
        };
        let migration = |version, name, sql: &'static str| {
            Migration::new(
                version,
                Cow::Borrowed(name),
                MigrationType::Simple,
                sql.into_sql_str(),
                false,
            )
        };
        let migrator = Migrator {
            migrations: Cow::Owned(vec![
                migration(1, "init", init),
                migration(2, "aggregates", agg),
                migration(3, "filter_indexes", filter_indexes),
            ]),
            ..Migrator::DEFAULT
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// Whether the store holds no user yet (first start).
    pub async fn is_empty(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.pool)
            .await?;
        Ok(n == 0)
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// `n` random bytes as lowercase hex (tokens, salts).
pub fn random_hex(n: usize) -> String {
    let mut buf = vec![0u8; n];
    // getrandom only fails when the OS has no entropy source; then refuse to run.
    getrandom::fill(&mut buf).expect("操作系统无法提供随机数");
    hex::encode(buf)
}

/// SHA-256 of a token, hex (what the database keeps instead of the token).
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}
