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
