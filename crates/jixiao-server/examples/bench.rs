//! Server benchmark: import N generated forms (as `jixiao gen` makes them) into a fresh store,
//! then measure list and dashboard latency over HTTP under bounded concurrency.
//!
//! `cargo run --release -p jixiao-server --example bench -- [FORMS] [DATABASE_URL|sqlite] [CONCURRENCY] [REQUESTS]`
//! With `sqlite` (default) a temporary directory is used; a `postgres://…/db` URL must name an
//! empty database. With `sqlite` and `JIXIAO_BENCH_DB=DIR`, the SQLite store in DIR is kept; a
//! DIR that already holds forms (from this or `bench/web.sh`) is reused: no import, only latency.

use jixiao_gen::{GenOptions, generate};
use jixiao_server::AppState;
use jixiao_store::imports::ImportFile;
use jixiao_store::{OrgKind, Role, Store};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let db = args.get(2).cloned().unwrap_or_else(|| "sqlite".into());
    let conc: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(8);
    let requests: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(400);
    let dir = tempfile::tempdir()?;
    let kept = std::env::var("JIXIAO_BENCH_DB")
        .ok()
        .filter(|d| !d.is_empty());
    let store = if db == "sqlite" {
        match &kept {
            Some(d) => Store::open_dir(std::path::Path::new(d)).await?,
            None => Store::open_dir(dir.path()).await?,
        }
    } else {
        Store::connect(&db).await?
    };
    if !store.is_empty().await? {
        let admin = store
            .authenticate("admin", "bench-password")
            .await?
            .ok_or_else(|| anyhow::anyhow!("the kept store has no bench admin"))?;
        println!("db=sqlite (kept store, no import)");
        return latency(&store, &admin, conc, requests).await;
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

    // Generate and read (not timed as import), in batches of 1000 forms per transaction.
    let t_read = Instant::now();
    let opts = GenOptions {
        forms: n,
        ..GenOptions::default()
    };
    let mut batches: Vec<Vec<jixiao_core::model::Form>> = vec![Vec::new()];
    generate(&opts, |g| {
        let forms =
            jixiao_core::read::read_bytes("gen.txt", g.text.as_bytes(), &Default::default());
        let last = batches.last_mut().expect("one batch");
        last.extend(forms);
        if last.len() >= 1000 {
            batches.push(Vec::new());
        }
    });
    let read_secs = t_read.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut imported = 0usize;
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
        anyhow::ensure!(
            r.imported,
            "batch {i} refused: {:?}",
            r.files.iter().find(|f| f.error.is_some())
        );
        imported += r.forms;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "db={} forms={imported} generate+read={read_secs:.1}s import={secs:.1}s rate={:.0} forms/s",
        if db == "sqlite" { "sqlite" } else { "postgres" },
        imported as f64 / secs
    );

    latency(&store, &admin, conc, requests).await
}

/// List and dashboard latency over HTTP with `conc` clients.
async fn latency(
    store: &Store,
    admin: &jixiao_store::User,
    conc: usize,
    requests: usize,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(jixiao_server::serve_on(
        listener,
        AppState::new(store.clone()),
        axum::Router::new(),
    ));
    let token = store.create_api_token(admin.id, "bench").await?;
    let client = reqwest::Client::new();
    for (name, path) in [
        ("list page 1", "/api/forms?per_page=50".to_string()),
        (
            "list deep page sorted by total",
            "/api/forms?per_page=50&page=500&sort=-total".to_string(),
        ),
        (
            "list filtered (status+grade+severity)",
            "/api/forms?status=draft&grade=good&severity=error&per_page=50".to_string(),
        ),
        (
            "list by finding code",
            "/api/forms?code=JX402&per_page=50".to_string(),
        ),
        ("dashboard (all years)", "/api/dashboard".to_string()),
    ] {
        let lat = load(&client, &base, &path, &token, conc, requests).await?;
        println!(
            "{name:40} n={} c={conc} p50={:.1}ms p99={:.1}ms max={:.1}ms",
            lat.len(),
            pct(&lat, 0.50),
            pct(&lat, 0.99),
            pct(&lat, 1.0)
        );
    }
    Ok(())
}

async fn load(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    token: &str,
    conc: usize,
    requests: usize,
) -> anyhow::Result<Vec<f64>> {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..conc {
        let (client, url, token, next) = (
            client.clone(),
            format!("{base}{path}"),
            token.to_string(),
            next.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < requests {
                let t = Instant::now();
                let r = client.get(&url).bearer_auth(&token).send().await?;
                anyhow::ensure!(r.status() == 200, "{url} → {}", r.status());
                r.bytes().await?;
                lat.push(t.elapsed());
            }
            Ok::<Vec<Duration>, anyhow::Error>(lat)
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??.into_iter().map(|d| d.as_secs_f64() * 1000.0));
    }
    all.sort_by(|a, b| a.total_cmp(b));
    Ok(all)
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}
