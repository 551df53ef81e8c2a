//! The store test suite, run on SQLite always and on PostgreSQL when `JIXIAO_TEST_PG_URL` is
//! set (a fresh database per test, dropped afterwards).

mod common;

use common::{Demo, PgDb, demo, seed_forms, sqlite};
use jixiao_store::audit::{form_state, replay};
use jixiao_store::forms::FormFilter;
use jixiao_store::imports::{ImportFile, ImportOptions};
use jixiao_store::{Action, Store, StoreError};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Run `case` on SQLite and, when enabled, on PostgreSQL.
macro_rules! suite {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let (store, _dir) = super::sqlite().await;
                    super::$name(&store).await;
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let Some(db) = super::PgDb::create().await else { return };
                    super::$name(&db.store).await;
                    db.drop_db().await;
                }
            )*
        }
    };
}

suite!(
    unit_spellings_are_one_unit,
    stale_save_conflicts,
    bad_file_imports_nothing,
    interrupted_import_leaves_nothing,
    audit_replays_to_stored_form,
    scope_by_role,
    submit_needs_errors_triaged,
    dashboard_averages_exact,
    list_filters_and_sorts,
    vanished_triaged_finding_is_fixed,
    aggregates_equal_a_recount,
);

async fn import_all(store: &Store, d: &Demo) -> Vec<i64> {
    let r = store
        .import(
            &d.admin,
            vec![ImportFile {
                name: "seed.txt".into(),
                forms: seed_forms(),
            }],
        )
        .await
        .unwrap();
    assert!(r.imported, "{:?}", r.files);
    r.files[0].form_ids.clone()
}

/// Put the last four seed forms in 政务公开中心 like the demo does.
async fn import_demo(store: &Store, d: &Demo) -> (Vec<i64>, Vec<i64>) {
    let mut forms = seed_forms();
    let last = forms.split_off(12);
    let mut ids = Vec::new();
    for (unit, forms) in [(d.sup_id, forms), (d.center_id, last)] {
        let opts = ImportOptions {
            unit_override: Some(unit),
            ..Default::default()
        };
        let r = store
            .import_with(
                &d.admin,
                vec![ImportFile {
                    name: "seed.txt".into(),
                    forms,
                }],
                &opts,
            )
            .await
            .unwrap();
        ids.push(r.files[0].form_ids.clone());
    }
    (ids[0].clone(), ids[1].clone())
}

async fn unit_spellings_are_one_unit(store: &Store) {
    let d = demo(store).await;
    let ids = import_all(store, &d).await;
    assert_eq!(ids.len(), 16);
    let page = store
        .list_forms(
            &d.admin,
            &FormFilter {
                per_page: Some(100),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(page.total_count, 16);
    // Forms 1–12 name 深圳市罗湖区委（政府）办本级 (spelt three ways in the seed), 13–16 the 中心.
    let in_sup = page.items.iter().filter(|f| f.unit_id == d.sup_id).count();
    let in_center = page
        .items
        .iter()
        .filter(|f| f.unit_id == d.center_id)
        .count();
    assert_eq!((in_sup, in_center), (12, 4));
    for spelling in [
        "深圳市罗湖区委（政府）办本级",
        "深圳市罗湖区委(政府)办本级",
        "深圳市罗湖区委（政府） 办本级",
    ] {
        assert_eq!(
            store.find_org(spelling).await.unwrap().map(|o| o.id),
            Some(d.sup_id),
            "{spelling}"
        );
    }
    // A new spelling-variant unit is matched too, not created twice.
    let mut f = seed_forms().remove(0);
    if let Some(u) = f.header.implementing_unit.as_mut() {
        u.value = "深圳市罗湖区委(政府) 办本级".into();
    }
    let created = store.create_form(&d.admin, f).await.unwrap();
    assert_eq!(created.summary.unit_id, d.sup_id);
    assert_eq!(
        created.summary.header.implementing_unit.as_deref(),
        Some("深圳市罗湖区委(政府) 办本级"),
        "original spelling kept"
    );
    assert_eq!(
        store.list_orgs().await.unwrap().len(),
        4,
        "no new org created"
    );
}

async fn stale_save_conflicts(store: &Store) {
    let d = demo(store).await;
    let (ids, _) = import_demo(store, &d).await;
    let id = ids[0];
    let form = seed_forms().remove(0);
    let a = store
        .save_form(&d.filer1, id, 1, form.clone())
        .await
        .unwrap();
    assert_eq!(a.summary.version, 2);
    match store.save_form(&d.reviewer, id, 1, form.clone()).await {
        Err(StoreError::Conflict { current_version }) => assert_eq!(current_version, 2),
        other => panic!("expected a conflict, got {other:?}"),
    }
    // Another unit's filer cannot even see it.
    assert!(matches!(
        store.save_form(&d.filer2, id, 2, form).await,
        Err(StoreError::NotFound(_))
    ));
    let versions = store.form_versions(&d.admin, id).await.unwrap();
    assert_eq!(versions.iter().map(|v| v.0).collect::<Vec<_>>(), vec![1, 2]);
}

async fn bad_file_imports_nothing(store: &Store) {
    let d = demo(store).await;
    let bad = jixiao_core::read::read_bytes(
        "bad.txt",
        "这不是自评表\n随便写的一行\n".as_bytes(),
        &Default::default(),
    );
    let files = vec![
        ImportFile {
            name: "good.txt".into(),
            forms: seed_forms(),
        },
        ImportFile {
            name: "bad.txt".into(),
            forms: bad,
        },
    ];
    let r = store.import(&d.admin, files).await.unwrap();
    assert!(!r.imported);
    assert!(r.files[0].error.is_none());
    let err = r.files[1].error.as_deref().expect("bad file named");
    assert!(err.contains("bad.txt"), "{err}");
    let page = store
        .list_forms(&d.admin, &FormFilter::default())
        .await
        .unwrap();
    assert_eq!(page.total_count, 0);
    // A filer importing another unit's forms: refused, the file named, nothing stored.
    let r = store
        .import(
            &d.other_filer,
            vec![ImportFile {
                name: "seed.txt".into(),
                forms: seed_forms(),
            }],
        )
        .await
        .unwrap();
    assert!(!r.imported);
    assert!(
        r.files[0].error.as_deref().unwrap().contains("管辖范围"),
        "{:?}",
        r.files[0].error
    );
    assert_eq!(
        store
            .list_forms(&d.admin, &FormFilter::default())
            .await
            .unwrap()
            .total_count,
        0
    );
}

async fn interrupted_import_leaves_nothing(store: &Store) {
    let d = demo(store).await;
    let opts = ImportOptions {
        fail_after: Some(5),
        ..Default::default()
    };
    let r = store
        .import_with(
            &d.admin,
            vec![ImportFile {
                name: "seed.txt".into(),
                forms: seed_forms(),
            }],
            &opts,
        )
        .await;
    assert!(r.is_err());
    assert_eq!(
        store
            .list_forms(&d.admin, &FormFilter::default())
            .await
            .unwrap()
            .total_count,
        0
    );
    let batches: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM import_batches")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    let versions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM form_versions")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    let audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    assert_eq!((batches, versions, audit), (0, 0, 0));
}

async fn audit_replays_to_stored_form(store: &Store) {
    let d = demo(store).await;
    let (ids, center) = import_demo(store, &d).await;
    let seed = seed_forms();
    // Edit some forms twice (with different content), move some along the workflow.
    store
        .save_form(&d.filer1, ids[0], 1, seed[3].clone())
        .await
        .unwrap();
    store
        .save_form(&d.filer1, ids[0], 2, seed[5].clone())
        .await
        .unwrap();
    store
        .save_form(&d.filer2, center[0], 1, seed[0].clone())
        .await
        .unwrap();
    for &id in &[ids[1], center[1]] {
        for f in store.list_findings(&d.admin, id).await.unwrap() {
            if f["severity"] == "error" {
                store
                    .triage_finding(
                        &d.admin,
                        id,
                        f["id"].as_str().unwrap(),
                        "accepted",
                        Some("复核同意"),
                    )
                    .await
                    .unwrap();
            }
        }
        store
            .transition(&d.admin, id, Action::Submit, &[])
            .await
            .unwrap();
        store
            .transition(&d.reviewer, id, Action::StartReview, &[])
            .await
            .unwrap();
        store
            .transition(&d.reviewer, id, Action::Return, &[])
            .await
            .unwrap();
        store
            .save_form(&d.admin, id, 1, seed[7].clone())
            .await
            .unwrap();
    }
    let all = store
        .list_forms(
            &d.admin,
            &FormFilter {
                per_page: Some(100),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(all.total_count, 16);
    for s in all.items {
        let stored = store.get_form(&d.admin, s.id).await.unwrap();
        let log = store.form_history(&d.admin, s.id).await.unwrap();
        let rebuilt = replay(&log);
        assert_eq!(
            rebuilt,
            form_state(&stored.summary.status, stored.summary.version, &stored.body),
            "form {}",
            s.id
        );
    }
}

async fn scope_by_role(store: &Store) {
    let d = demo(store).await;
    let (ids, center) = import_demo(store, &d).await;
    let count = |u| async move {
        store
            .list_forms(
                u,
                &FormFilter {
                    per_page: Some(100),
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .total_count
    };
    assert_eq!(count(&d.admin).await, 16);
    assert_eq!(
        count(&d.reviewer).await,
        16,
        "supervisor sees its own org and the unit below"
    );
    assert_eq!(count(&d.filer1).await, 12);
    assert_eq!(count(&d.filer2).await, 4);
    assert_eq!(count(&d.other_filer).await, 0);
    assert!(matches!(
        store.get_form(&d.filer2, ids[0]).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.get_form(&d.filer1, center[0]).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(store.get_form(&d.reviewer, center[0]).await.is_ok());
    // A filer cannot review; a supervisor cannot publish.
    for f in store.list_findings(&d.filer2, center[0]).await.unwrap() {
        if f["severity"] == "error" {
            store
                .triage_finding(
                    &d.filer2,
                    center[0],
                    f["id"].as_str().unwrap(),
                    "accepted",
                    Some("说明"),
                )
                .await
                .unwrap();
        }
    }
    store
        .transition(&d.filer2, center[0], Action::Submit, &[])
        .await
        .unwrap();
    assert!(matches!(
        store
            .transition(&d.filer2, center[0], Action::StartReview, &[])
            .await,
        Err(StoreError::Forbidden(_))
    ));
    store
        .transition(&d.reviewer, center[0], Action::StartReview, &[])
        .await
        .unwrap();
    store
        .transition(&d.reviewer, center[0], Action::Approve, &[])
        .await
        .unwrap();
    assert!(matches!(
        store
            .transition(&d.reviewer, center[0], Action::Publish, &[])
            .await,
        Err(StoreError::Forbidden(_))
    ));
    let s = store
        .transition(&d.admin, center[0], Action::Publish, &[])
        .await
        .unwrap();
    assert_eq!(s.status, "published");
    // Editing a published form is refused.
    assert!(matches!(
        store
            .save_form(&d.admin, center[0], 1, seed_forms().remove(0))
            .await,
        Err(StoreError::Unprocessable { .. })
    ));
}

async fn submit_needs_errors_triaged(store: &Store) {
    let d = demo(store).await;
    let (ids, _) = import_demo(store, &d).await;
    // Find a form with error-level findings.
    let mut target = None;
    for &id in &ids {
        let s = store.form_summary(&d.filer1, id).await.unwrap();
        if s.errors > 0 {
            target = Some((id, s.errors));
            break;
        }
    }
    let (id, errors) = target.expect("the seed has forms with errors");
    match store.transition(&d.filer1, id, Action::Submit, &[]).await {
        Err(StoreError::Unprocessable { details, .. }) => {
            assert_eq!(details["findings"].as_array().unwrap().len() as i64, errors)
        }
        other => panic!("expected 422, got {other:?}"),
    }
    let findings = store.list_findings(&d.filer1, id).await.unwrap();
    let errs: Vec<_> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    // Accepting without a reason is refused.
    assert!(matches!(
        store
            .triage_finding(
                &d.filer1,
                id,
                errs[0]["id"].as_str().unwrap(),
                "accepted",
                Some("  ")
            )
            .await,
        Err(StoreError::Invalid(_))
    ));
    for f in &errs {
        store
            .triage_finding(
                &d.filer1,
                id,
                f["id"].as_str().unwrap(),
                "accepted",
                Some("经核实属实"),
            )
            .await
            .unwrap();
    }
    let s = store
        .transition(&d.filer1, id, Action::Submit, &[])
        .await
        .unwrap();
    assert_eq!(s.status, "submitted");
}

async fn dashboard_averages_exact(store: &Store) {
    let d = demo(store).await;
    import_demo(store, &d).await;
    let dash = store.dashboard(&d.admin, Some(2022)).await.unwrap();
    assert_eq!(dash.forms, 16);
    // Independent: the totals of the stored bodies, summed as decimals.
    let page = store
        .list_forms(
            &d.admin,
            &FormFilter {
                per_page: Some(100),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut sum = Decimal::ZERO;
    let mut n = 0;
    for s in &page.items {
        let body = store.get_form(&d.admin, s.id).await.unwrap().body;
        let t = body["total"]["computed"]
            .as_str()
            .or(body["total"]["printed"].as_str());
        if let Some(t) = t {
            sum += Decimal::from_str(t).unwrap();
            n += 1;
        }
    }
    let expect = (sum / Decimal::from(n))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(
        Decimal::from_str(dash.avg_total.as_deref().unwrap()).unwrap(),
        expect
    );
    let units: i64 = dash.by_unit.iter().map(|u| u.forms).sum();
    assert_eq!(units, 16);
    assert_eq!(dash.by_unit.len(), 2);
    let filer2 = store.dashboard(&d.filer2, Some(2022)).await.unwrap();
    assert_eq!(filer2.forms, 4);
    assert!(
        dash.by_rule
            .iter()
            .all(|r| r.forms <= 16 && r.findings >= r.forms)
    );
}

async fn list_filters_and_sorts(store: &Store) {
    let d = demo(store).await;
    import_demo(store, &d).await;
    let all = store
        .list_forms(
            &d.admin,
            &FormFilter {
                per_page: Some(100),
                sort: Some("-total".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let totals: Vec<Decimal> = all
        .items
        .iter()
        .filter_map(|f| f.total.as_deref())
        .map(|t| Decimal::from_str(t).unwrap())
        .collect();
    assert!(
        totals.windows(2).all(|w| w[0] >= w[1]),
        "sorted by total descending: {totals:?}"
    );
    let with_errors = all.items.iter().filter(|f| f.errors > 0).count() as i64;
    let sev = store
        .list_forms(
            &d.admin,
            &FormFilter {
                severity: Some("error".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(sev.total_count, with_errors);
    let page2 = store
        .list_forms(
            &d.admin,
            &FormFilter {
                per_page: Some(5),
                page: Some(4),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(page2.items.len(), 1);
    assert_eq!(page2.total_count, 16);
    let none = store
        .list_forms(
            &d.admin,
            &FormFilter {
                year: Some(1999),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(none.total_count, 0);
    // Filter by a finding code: every listed form has that code.
    let code = store.dashboard(&d.admin, None).await.unwrap().by_rule[0].clone();
    let by_code = store
        .list_forms(
            &d.admin,
            &FormFilter {
                code: Some(code.code.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(by_code.total_count, code.forms);
}

async fn vanished_triaged_finding_is_fixed(store: &Store) {
    let d = demo(store).await;
    let (ids, _) = import_demo(store, &d).await;
    let id = ids[0];
    let before = store.list_findings(&d.filer1, id).await.unwrap();
    assert!(!before.is_empty());
    for f in &before {
        store
            .triage_finding(
                &d.filer1,
                id,
                f["id"].as_str().unwrap(),
                "accepted",
                Some("理由"),
            )
            .await
            .unwrap();
    }
    // Save other content: some findings go away, some may stay.
    let seed = seed_forms();
    let mut saved = false;
    for (n, form) in seed.iter().enumerate().skip(1) {
        let v = store.form_summary(&d.filer1, id).await.unwrap().version;
        store
            .save_form(&d.filer1, id, v, form.clone())
            .await
            .unwrap();
        let now: Vec<String> = store
            .list_findings(&d.filer1, id)
            .await
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect();
        let gone: Vec<&str> = before
            .iter()
            .filter_map(|f| f["id"].as_str())
            .filter(|f| !now.iter().any(|x| x == f))
            .collect();
        if gone.is_empty() {
            continue;
        }
        let states: Vec<(String, String)> =
            sqlx::query_as("SELECT fid, state FROM triage WHERE form_id = $1")
                .bind(id)
                .fetch_all(&store.pool)
                .await
                .unwrap();
        for (fid, state) in states {
            let expect = if gone.contains(&fid.as_str()) {
                "fixed"
            } else {
                "accepted"
            };
            assert_eq!(state, expect, "{fid} after saving seed form {n}");
        }
        saved = true;
        break;
    }
    assert!(saved, "some seed form changes the findings");
}

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// The aggregate tables, row by row, against a GROUP BY over `forms` and `findings`; and the
/// dashboard of each user against figures summed in Rust from the forms that user can list.
async fn check_aggregates(store: &Store, d: &Demo, step: usize) {
    type FormsRow = (i64, i64, String, String, i64, i64, i64, i64);
    let agg: Vec<FormsRow> = sqlx::query_as(
        "SELECT year, unit_id, grade, status, forms, scored, sum_centi, errors FROM agg_forms \
         WHERE forms <> 0 ORDER BY year, unit_id, grade, status",
    )
    .fetch_all(&store.pool)
    .await
    .unwrap();
    let recount: Vec<FormsRow> = sqlx::query_as(
        "SELECT COALESCE(year, 0), unit_id, COALESCE(grade, ''), status, COUNT(*), COUNT(total_centi), \
         CAST(COALESCE(SUM(total_centi), 0) AS BIGINT), CAST(SUM(errors) AS BIGINT) FROM forms \
         GROUP BY COALESCE(year, 0), unit_id, COALESCE(grade, ''), status ORDER BY 1, 2, 3, 4",
    )
    .fetch_all(&store.pool)
    .await
    .unwrap();
    assert_eq!(agg, recount, "agg_forms after step {step}");
    type FindRow = (i64, i64, String, i64, i64);
    let agg: Vec<FindRow> = sqlx::query_as(
        "SELECT year, unit_id, code, forms, findings FROM agg_findings WHERE forms <> 0 \
         ORDER BY year, unit_id, code",
    )
    .fetch_all(&store.pool)
    .await
    .unwrap();
    let recount: Vec<FindRow> = sqlx::query_as(
        "SELECT COALESCE(f.year, 0), f.unit_id, x.code, COUNT(DISTINCT x.form_id), COUNT(*) \
         FROM findings x JOIN forms f ON f.id = x.form_id \
         GROUP BY COALESCE(f.year, 0), f.unit_id, x.code ORDER BY 1, 2, 3",
    )
    .fetch_all(&store.pool)
    .await
    .unwrap();
    assert_eq!(agg, recount, "agg_findings after step {step}");
    // Rows emptied by moves are all zero, never negative.
    let odd: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM agg_forms WHERE forms < 0 OR (forms = 0 AND (scored <> 0 OR sum_centi <> 0 OR errors <> 0))",
    )
    .fetch_one(&store.pool)
    .await
    .unwrap();
    assert_eq!(odd, 0, "agg_forms zero rows after step {step}");

    use std::collections::BTreeMap;
    for user in [&d.admin, &d.reviewer, &d.filer2, &d.other_filer] {
        let page = store
            .list_forms(
                user,
                &FormFilter {
                    per_page: Some(500),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(page.total_count, page.items.len() as i64);
        let dash = store.dashboard(user, None).await.unwrap();
        assert_eq!(
            dash.forms,
            page.items.len() as i64,
            "{} step {step}",
            user.username
        );
        let mut by_status: BTreeMap<String, i64> = BTreeMap::new();
        let mut by_grade: BTreeMap<Option<String>, i64> = BTreeMap::new();
        let mut by_unit: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
        let mut by_rule: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        let (mut sum, mut n) = (Decimal::ZERO, 0);
        for s in &page.items {
            *by_status.entry(s.status.clone()).or_default() += 1;
            *by_grade.entry(s.grade.clone()).or_default() += 1;
            let u = by_unit.entry(s.unit_id).or_default();
            u.0 += 1;
            u.1 += s.errors;
            if let Some(t) = &s.total {
                sum += Decimal::from_str(t).unwrap();
                n += 1;
            }
            let mut codes: BTreeMap<String, i64> = BTreeMap::new();
            for f in store.list_findings(user, s.id).await.unwrap() {
                *codes
                    .entry(f["code"].as_str().unwrap().to_string())
                    .or_default() += 1;
            }
            for (code, k) in codes {
                let r = by_rule.entry(code).or_default();
                r.0 += 1;
                r.1 += k;
            }
        }
        let got: BTreeMap<String, i64> = dash
            .by_status
            .iter()
            .map(|r| (r.key.clone().unwrap(), r.forms))
            .collect();
        assert_eq!(got, by_status, "by_status of {} step {step}", user.username);
        let got: BTreeMap<Option<String>, i64> = dash
            .by_grade
            .iter()
            .map(|r| (r.key.clone(), r.forms))
            .collect();
        assert_eq!(got, by_grade, "by_grade of {} step {step}", user.username);
        let got: BTreeMap<i64, (i64, i64)> = dash
            .by_unit
            .iter()
            .map(|r| (r.unit_id, (r.forms, r.errors)))
            .collect();
        assert_eq!(got, by_unit, "by_unit of {} step {step}", user.username);
        let got: BTreeMap<String, (i64, i64)> = dash
            .by_rule
            .iter()
            .map(|r| (r.code.clone(), (r.forms, r.findings)))
            .collect();
        assert_eq!(got, by_rule, "by_rule of {} step {step}", user.username);
        let expect = (n > 0).then(|| {
            (sum / Decimal::from(n))
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        });
        assert_eq!(
            dash.avg_total
                .as_deref()
                .map(|a| Decimal::from_str(a).unwrap()),
            expect,
            "avg_total of {} step {step}",
            user.username
        );
        // The list counts (from the aggregates) agree with the rows listed.
        for status in by_status.keys() {
            let c = store
                .list_forms(
                    user,
                    &FormFilter {
                        status: Some(status.clone()),
                        per_page: Some(1),
                        ..Default::default()
                    },
                )
                .await
                .unwrap()
                .total_count;
            assert_eq!(c, by_status[status], "count of {status} step {step}");
        }
        for (code, (forms, _)) in &by_rule {
            let c = store
                .list_forms(
                    user,
                    &FormFilter {
                        code: Some(code.clone()),
                        per_page: Some(1),
                        ..Default::default()
                    },
                )
                .await
                .unwrap()
                .total_count;
            assert_eq!(c, *forms, "count of code {code} step {step}");
        }
        let counts: BTreeMap<String, i64> = store
            .status_counts(user)
            .await
            .unwrap()
            .into_iter()
            .collect();
        assert_eq!(
            counts, by_status,
            "status_counts of {} step {step}",
            user.username
        );
    }
}

async fn aggregates_equal_a_recount(store: &Store) {
    let d = demo(store).await;
    let (a, b) = import_demo(store, &d).await;
    let mut ids: Vec<i64> = a.into_iter().chain(b).collect();
    let seed = seed_forms();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut saves, mut moves, mut triaged, mut imports) = (0, 0, 0, 0);
    check_aggregates(store, &d, 0).await;
    for step in 1..=60 {
        let id = ids[rng.below(ids.len())];
        match rng.below(6) {
            0 => {
                // Another batch of one to three seed forms (new units are created as needed).
                let k = 1 + rng.below(3);
                let forms: Vec<_> = (0..k)
                    .map(|_| seed[rng.below(seed.len())].clone())
                    .collect();
                let r = store
                    .import(
                        &d.admin,
                        vec![ImportFile {
                            name: "more.txt".into(),
                            forms,
                        }],
                    )
                    .await
                    .unwrap();
                assert!(r.imported, "{:?}", r.files);
                ids.extend(&r.files[0].form_ids);
                imports += 1;
            }
            1 | 2 => {
                // Save another seed form's content (year, grade, totals and findings change).
                let v = store.form_summary(&d.admin, id).await.unwrap().version;
                let form = seed[rng.below(seed.len())].clone();
                match store.save_form(&d.admin, id, v, form).await {
                    Ok(_) => saves += 1,
                    Err(StoreError::Unprocessable { .. }) => {}
                    Err(e) => panic!("save {id}: {e}"),
                }
            }
            3 | 4 => {
                for f in store.blocking_findings(id).await.unwrap() {
                    store
                        .triage_finding(
                            &d.admin,
                            id,
                            f["id"].as_str().unwrap(),
                            "accepted",
                            Some("已核实"),
                        )
                        .await
                        .unwrap();
                }
                // One of the actions the form's status allows (published forms stay put).
                let status = store.form_summary(&d.admin, id).await.unwrap().status;
                let possible: Vec<Action> = Action::ALL
                    .into_iter()
                    .filter(|a| a.transition().0.iter().any(|s| s.code() == status))
                    .collect();
                if possible.is_empty() {
                    continue;
                }
                let action = possible[rng.below(possible.len())];
                match store.transition(&d.admin, id, action, &[]).await {
                    Ok(_) => moves += 1,
                    Err(StoreError::Unprocessable { .. }) => {}
                    Err(e) => panic!("{action:?} {id}: {e}"),
                }
            }
            _ => {
                let findings = store.list_findings(&d.admin, id).await.unwrap();
                if !findings.is_empty() {
                    let f = &findings[rng.below(findings.len())];
                    let state = ["accepted", "dismissed", "open"][rng.below(3)];
                    store
                        .triage_finding(
                            &d.admin,
                            id,
                            f["id"].as_str().unwrap(),
                            state,
                            Some("理由"),
                        )
                        .await
                        .unwrap();
                    triaged += 1;
                }
            }
        }
        if step % 10 == 0 {
            check_aggregates(store, &d, step).await;
        }
    }
    check_aggregates(store, &d, 61).await;
    // The sequence really exercised every kind of write.
    assert!(
        saves >= 5 && moves >= 5 && triaged >= 3 && imports >= 3,
        "{saves} {moves} {triaged} {imports}"
    );
}
