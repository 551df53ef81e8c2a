//! Page benchmark: fill a fresh SQLite store with N generated forms (`jixiao gen`), then time
//! every main page over HTTP, one request at a time (server time on an idle connection).
//!
//! `cargo run --release -p jixiao-web --example bench_pages -- [FORMS] [REQUESTS_PER_PAGE]`
//! (`bench/web.sh` runs it with 100000 forms). With `JIXIAO_BENCH_DB=DIR` the store is kept in
//! DIR and reused by the next run (no fill; the migrations run on the existing data).

use jixiao_gen::{GenOptions, generate};
use jixiao_server::AppState;
use jixiao_server::jixiao_store::imports::ImportFile;
use jixiao_server::jixiao_store::orgs::OrgKind;
use jixiao_server::jixiao_store::users::{Role, User};
use jixiao_server::jixiao_store::{Store, forms::FormFilter};
use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let requests: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(50);
    let tmp = tempfile::tempdir()?;
    let dir = match std::env::var("JIXIAO_BENCH_DB") {
        Ok(d) if !d.is_empty() => std::path::PathBuf::from(d),
        _ => tmp.path().to_path_buf(),
    };
    let store = Store::open_dir(&dir).await?;
    if !store.is_empty().await? {
        let user = |name: &'static str| {
            let store = store.clone();
            async move {
                store
                    .authenticate(name, "bench-password")
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("no user {name} in the kept store"))
            }
        };
        let (admin, reviewer, filer) = (
            user("admin").await?,
            user("reviewer").await?,
            user("filer").await?,
        );
        let n = store
            .list_forms(&admin, &FormFilter::default())
            .await?
            .total_count;
        println!("forms={n} (kept store {})", dir.display());
        let f0 = store
            .list_forms(
                &filer,
                &FormFilter {
                    sort: Some("id".into()),
                    per_page: Some(1),
                    ..Default::default()
                },
            )
            .await?
            .items
            .first()
            .ok_or_else(|| anyhow::anyhow!("no forms"))?
            .clone();
        return time_pages(&store, &admin, &reviewer, &filer, f0.id, requests).await;
    }
    let bureau = store
        .create_org(None, OrgKind::FinanceBureau, "基准财政局")
        .await?;
    let admin = store
        .create_user(
            "admin",
            "admin",
            Role::FinanceAdmin,
            bureau.id,
            "bench-password",
        )
        .await?;

    let t = Instant::now();
    let opts = GenOptions {
        forms: n,
        ..GenOptions::default()
    };
    let mut batch: Vec<jixiao_core::model::Form> = Vec::new();
    let mut batches = Vec::new();
    generate(&opts, |g| {
        batch.extend(jixiao_core::read::read_bytes(
            "gen.txt",
            g.text.as_bytes(),
            &Default::default(),
        ));
        if batch.len() >= 1000 {
            batches.push(std::mem::take(&mut batch));
        }
    });
    batches.push(batch);
    let mut imported = 0;
    for (i, forms) in batches.into_iter().enumerate() {
        if forms.is_empty() {
            continue;
        }
        let r = store
            .import(
                &admin,
                vec![ImportFile {
                    name: format!("batch{i}.txt"),
                    forms,
                }],
            )
            .await?;
        anyhow::ensure!(r.imported, "batch {i} refused");
        imported += r.forms;
    }
    println!("forms={imported} fill={:.1}s", t.elapsed().as_secs_f64());

    // A supervisor over everything and a filer in the unit of the first form.
    let reviewer = store
        .create_user(
            "reviewer",
            "reviewer",
            Role::Supervisor,
            bureau.id,
            "bench-password",
        )
        .await?;
    let first = store
        .list_forms(
            &admin,
            &FormFilter {
                sort: Some("id".into()),
                per_page: Some(1),
                ..Default::default()
            },
        )
        .await?;
    let f0 = first
        .items
        .first()
        .ok_or_else(|| anyhow::anyhow!("no forms"))?
        .clone();
    let filer = store
        .create_user("filer", "filer", Role::Filer, f0.unit_id, "bench-password")
        .await?;
    time_pages(&store, &admin, &reviewer, &filer, f0.id, requests).await
}

/// Time every page, `requests` times each, over HTTP.
async fn time_pages(
    store: &Store,
    admin: &User,
    reviewer: &User,
    filer: &User,
    id: i64,
    requests: usize,
) -> anyhow::Result<()> {
    let tok = |u: i64| {
        let store = store.clone();
        async move { store.create_api_token(u, "bench").await }
    };
    let (t_admin, t_rev, t_filer) = (
        tok(admin.id).await?,
        tok(reviewer.id).await?,
        tok(filer.id).await?,
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(jixiao_server::serve_on(
        listener,
        AppState::new(store.clone()),
        jixiao_web::routes(),
    ));
    let client = reqwest::Client::new();
    let pages: Vec<(&str, String, &str, Option<&str>)> = vec![
        ("admin home", "/".into(), &t_admin, None),
        ("reviewer home", "/".into(), &t_rev, None),
        ("filer home", "/".into(), &t_filer, None),
        ("filer list", "/forms".into(), &t_filer, None),
        ("queue page 1 (risk sort)", "/queue".into(), &t_rev, None),
        (
            "queue page 200, sort by total",
            "/queue?sort=total&page=200".into(),
            &t_rev,
            None,
        ),
        (
            "queue filtered (status+grade+severity)",
            "/queue?status=draft&grade=good&severity=error".into(),
            &t_rev,
            None,
        ),
        (
            "queue by finding code",
            "/queue?code=JX402".into(),
            &t_rev,
            None,
        ),
        ("editor", format!("/forms/{id}"), &t_filer, None),
        ("review page", format!("/forms/{id}"), &t_rev, None),
        (
            "preview (one edited cell)",
            format!("/forms/{id}/preview"),
            &t_filer,
            Some("i.0.actual=5"),
        ),
        ("dashboard (all years)", "/dashboard".into(), &t_admin, None),
        ("admin (orgs and users)", "/admin".into(), &t_admin, None),
    ];
    println!(
        "{:42} {:>8} {:>8} {:>8}",
        "page", "p50 ms", "p99 ms", "max ms"
    );
    for (name, path, token, body) in pages {
        let mut lat = Vec::new();
        for _ in 0..requests {
            let url = format!("{base}{path}");
            let t = Instant::now();
            let req = match body {
                Some(b) => client
                    .post(&url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(b.to_string()),
                None => client.get(&url),
            };
            let r = req.bearer_auth(token).send().await?;
            anyhow::ensure!(r.status() == 200, "{name}: {url} → {}", r.status());
            r.bytes().await?;
            lat.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        lat.sort_by(|a, b| a.total_cmp(b));
        let p = |q: f64| lat[((lat.len() as f64 - 1.0) * q).round() as usize];
        println!("{name:42} {:>8.1} {:>8.1} {:>8.1}", p(0.5), p(0.99), p(1.0));
    }
    Ok(())
}
