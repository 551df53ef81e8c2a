//! First start: the initial administrator (random one-time password), or with `--demo` the
//! demo organisations, users and the 16 seed forms.
//!
//! Demo: 罗湖区财政局 (finance_admin `admin`) → 深圳市罗湖区委（政府）办本级 (supervisor
//! `reviewer`; also an implementing unit with filer `filer1` and seed forms 1–12) →
//! 深圳市罗湖区政务公开中心 (filer `filer2`, seed forms 13–16, i.e. the last four). Every demo
//! password is `jixiao-demo`.

use jixiao_store::imports::{ImportFile, ImportOptions};
use jixiao_store::{OrgKind, Role, Store};

/// The seed forms, embedded.
pub const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");
/// Password of every demo user.
pub const DEMO_PASSWORD: &str = "jixiao-demo";
/// How many seed forms (the last ones) go to the second unit.
pub const FILER2_FORMS: usize = 4;

/// On an empty store, create 财政局 and user `admin` with a random password, printed once.
pub async fn ensure_admin(store: &Store) -> anyhow::Result<()> {
    if !store.is_empty().await? {
        return Ok(());
    }
    let bureau = store
        .create_org(None, OrgKind::FinanceBureau, "财政局")
        .await?;
    let password = jixiao_store::random_hex(9);
    store
        .create_user(
            "admin",
            "财政局管理员",
            Role::FinanceAdmin,
            bureau.id,
            &password,
        )
        .await?;
    println!("首次启动：已创建管理员 admin，一次性密码 {password}（只显示这一次，请登录后修改）");
    Ok(())
}

/// On an empty store, create the demo organisations, users and seed forms.
pub async fn ensure_demo(store: &Store) -> anyhow::Result<()> {
    if !store.is_empty().await? {
        println!(
            "演示数据已存在；所有演示账号（admin、reviewer、filer1、filer2）的密码都是 {DEMO_PASSWORD}"
        );
        return Ok(());
    }
    seed_demo(store).await?;
    println!(
        "已创建演示数据：admin（财政局）、reviewer（主管部门）、filer1、filer2（实施单位），密码都是 {DEMO_PASSWORD}"
    );
    Ok(())
}

/// Create the demo data (on any store; fails if the names exist).
pub async fn seed_demo(store: &Store) -> anyhow::Result<()> {
    let bureau = store
        .create_org(None, OrgKind::FinanceBureau, "罗湖区财政局")
        .await?;
    let sup = store
        .create_org(
            Some(bureau.id),
            OrgKind::Supervisor,
            "深圳市罗湖区委（政府）办本级",
        )
        .await?;
    let center = store
        .create_org(Some(sup.id), OrgKind::Unit, "深圳市罗湖区政务公开中心")
        .await?;
    let admin = store
        .create_user(
            "admin",
            "罗湖区财政局",
            Role::FinanceAdmin,
            bureau.id,
            DEMO_PASSWORD,
        )
        .await?;
    store
        .create_user(
            "reviewer",
            "区委办审核人",
            Role::Supervisor,
            sup.id,
            DEMO_PASSWORD,
        )
        .await?;
    store
        .create_user("filer1", "区委办填报人", Role::Filer, sup.id, DEMO_PASSWORD)
        .await?;
    store
        .create_user(
            "filer2",
            "政务公开中心填报人",
            Role::Filer,
            center.id,
            DEMO_PASSWORD,
        )
        .await?;
    let mut forms = jixiao_io::read_forms("seed.txt", SEED.as_bytes(), &Default::default());
    let split = forms.len().saturating_sub(FILER2_FORMS);
    let last = forms.split_off(split);
    for (unit, forms) in [(sup.id, forms), (center.id, last)] {
        let opts = ImportOptions {
            unit_override: Some(unit),
            ..Default::default()
        };
        let file = ImportFile {
            name: "seed.txt".into(),
            forms,
        };
        let report = store.import_with(&admin, vec![file], &opts).await?;
        anyhow::ensure!(report.imported, "演示数据导入失败：{:?}", report.files);
    }
    Ok(())
}
