//! Test stores: a fresh SQLite file, or (when `JIXIAO_TEST_PG_URL` is set) a fresh PostgreSQL
//! database with a random name, dropped afterwards.

#![allow(dead_code)]

use jixiao_core::model::Form;
use jixiao_store::{OrgKind, Role, Store, User};
use sqlx::Connection;

/// The 16 seed forms.
pub fn seed_forms() -> Vec<Form> {
    let seed = include_str!("../../../../tests/fixtures/seed.txt");
    jixiao_core::read::read_bytes("seed.txt", seed.as_bytes(), &Default::default())
}

/// A store on a fresh SQLite file (the directory lives as long as the guard).
pub async fn sqlite() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_dir(dir.path()).await.expect("open sqlite");
    (store, dir)
}

/// A fresh PostgreSQL database; `None` (and "skipped" printed) without `JIXIAO_TEST_PG_URL`.
pub struct PgDb {
    pub store: Store,
    admin_url: String,
    name: String,
}

impl PgDb {
    /// Create the database, or `None` when PostgreSQL tests are not enabled.
    pub async fn create() -> Option<PgDb> {
        let Ok(url) = std::env::var("JIXIAO_TEST_PG_URL") else {
            eprintln!(
                "skipped: set JIXIAO_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test to run the PostgreSQL store tests"
            );
            return None;
        };
        sqlx::any::install_default_drivers();
        let name = format!("jixiao_test_{}", jixiao_store::random_hex(6));
        let mut admin = sqlx::AnyConnection::connect(&url)
            .await
            .expect("connect to JIXIAO_TEST_PG_URL");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create database");
        admin.close().await.ok();
        let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
        let store = Store::connect(&format!("{base}/{name}"))
            .await
            .expect("connect fresh db");
        if let Ok(dir) = std::env::var("JIXIAO_TEST_RAN_DIR") {
            let _ = std::fs::write(std::path::Path::new(&dir).join("postgres"), "ran\n");
        }
        Some(PgDb {
            store,
            admin_url: url,
            name,
        })
    }

    /// Close the pool and drop the database.
    pub async fn drop_db(self) {
        self.store.pool.close().await;
        let mut admin = sqlx::AnyConnection::connect(&self.admin_url)
            .await
            .expect("connect");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(&mut admin)
        .await
        .expect("drop database");
    }
}

/// The demo tree: bureau → 办本级 (supervisor org, also a unit) → 政务公开中心.
pub struct Demo {
    pub admin: User,
    pub reviewer: User,
    pub filer1: User,
    pub filer2: User,
    pub sup_id: i64,
    pub center_id: i64,
    pub other_filer: User,
    pub other_id: i64,
}

/// Build the demo tree plus an unrelated supervisor branch with its own filer.
pub async fn demo(store: &Store) -> Demo {
    let pw = "jixiao-demo";
    let bureau = store
        .create_org(None, OrgKind::FinanceBureau, "罗湖区财政局")
        .await
        .unwrap();
    let sup = store
        .create_org(
            Some(bureau.id),
            OrgKind::Supervisor,
            "深圳市罗湖区委（政府）办本级",
        )
        .await
        .unwrap();
    let center = store
        .create_org(Some(sup.id), OrgKind::Unit, "深圳市罗湖区政务公开中心")
        .await
        .unwrap();
    let other = store
        .create_org(Some(bureau.id), OrgKind::Supervisor, "深圳市罗湖区教育局")
        .await
        .unwrap();
    Demo {
        admin: store
            .create_user("admin", "a", Role::FinanceAdmin, bureau.id, pw)
            .await
            .unwrap(),
        reviewer: store
            .create_user("reviewer", "r", Role::Supervisor, sup.id, pw)
            .await
            .unwrap(),
        filer1: store
            .create_user("filer1", "f1", Role::Filer, sup.id, pw)
            .await
            .unwrap(),
        filer2: store
            .create_user("filer2", "f2", Role::Filer, center.id, pw)
            .await
            .unwrap(),
        other_filer: store
            .create_user("filer3", "f3", Role::Filer, other.id, pw)
            .await
            .unwrap(),
        sup_id: sup.id,
        center_id: center.id,
        other_id: other.id,
    }
}
