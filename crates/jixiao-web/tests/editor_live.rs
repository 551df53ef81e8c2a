//! The editor's live recomputation in a real browser, on a page served without the store
//! (the seed's first form): typing an actual value updates the computed score and the findings
//! without reloading the page; Tab follows the table; every input is labelled.

mod common;

use askama::Template;
use axum::Router;
use axum::extract::Form as FormBody;
use axum::response::Html;
use axum::routing::{get, post};
use jixiao_core::model::Form;
use jixiao_core::pipeline::{CheckOptions, check_form};
use jixiao_core::read::{ReadOptions, read_text};
use jixiao_web::editor::EditorPage;
use jixiao_web::layout::Layout;
use jixiao_web::view::form_view;
use serde_json::Value;

fn seed_form() -> Form {
    let text = include_str!("../../../tests/fixtures/seed.txt");
    read_text("seed.txt", text, &ReadOptions::default())
        .into_iter()
        .next()
        .expect("seed form")
}

async fn page() -> Html<String> {
    let c = check_form(seed_form());
    let p = EditorPage {
        layout: Layout::default(),
        base: "/stub".into(),
        version: 1,
        status: "draft".into(),
        status_zh: "草稿".into(),
        v: form_view(&c),
        editable: true,
        reviewing: false,
        can_submit: true,
        comments_form: Vec::new(),
        ro: "",
        actions: Vec::new(),
    };
    Html(p.render().expect("render"))
}

async fn preview(FormBody(fields): FormBody<Vec<(String, String)>>) -> Html<String> {
    Html(jixiao_web::preview::preview_html(
        seed_form(),
        fields.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        &CheckOptions::default(),
    ))
}

async fn start() -> String {
    let app: Router = Router::new()
        .route("/stub", get(page))
        .route("/stub/preview", post(preview))
        .merge(jixiao_web::assets::routes());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_an_actual_value_recomputes_without_reload() {
    let Some(chromium) = common::chromium() else {
        return;
    };
    let base = start().await;
    let b = common::browser(&chromium, 1366, 768).await;
    b.goto(&format!("{base}/stub")).await;
    assert_eq!(b.text("#calc-i-0 output").await, "7.50");
    b.js("window.__marker = 'same page';").await;
    let input = b
        .client
        .find(fantoccini::Locator::Css("input[name='i.0.actual']"))
        .await
        .expect("actual input");
    input.clear().await.expect("clear");
    input.send_keys("5.5").await.expect("type");
    // 7.50 × 5.5 / 11 = 3.75 (target 11, weight 7.50).
    b.wait_for("return document.querySelector('#calc-i-0 output').textContent === '3.75';")
        .await;
    b.wait_for("return document.querySelector('#find-i-0 .finding') !== null;")
        .await;
    assert_eq!(
        b.js("return window.__marker;").await,
        Value::from("same page")
    );
    // The total follows: 95.98 − 7.50 + 7.50 printed stays (printed scores are summed), so the
    // finding is about the row's printed 7.50 against the rule's 3.75.
    let errs = b.errors().await;
    assert!(errs.is_empty(), "page errors: {errs:?}");
    b.client.clone().close().await.ok();
}

#[tokio::test(flavor = "multi_thread")]
async fn tab_follows_the_table_and_inputs_are_labelled() {
    let Some(chromium) = common::chromium() else {
        return;
    };
    let base = start().await;
    let b = common::browser(&chromium, 1366, 768).await;
    b.goto(&format!("{base}/stub")).await;
    b.assert_inputs_labelled("editor").await;
    b.assert_no_horizontal_scroll("editor 1366").await;
    let target = b
        .client
        .find(fantoccini::Locator::Css("input[name='i.0.target']"))
        .await
        .expect("target input");
    target.click().await.expect("focus");
    // Tab moves along the row (target → actual → 分值 → 得分 → 偏差原因), then to the next row's name.
    let order = [
        "i.0.actual",
        "i.0.weight",
        "i.0.score",
        "i.0.deviation_note",
        "i.1.name",
        "i.1.target",
    ];
    // Between rows, Tab may stop on a finding's “如何修改” toggle of the row; the next *input* reached
    // must be the next cell of the table.
    for want in order {
        let mut got = Value::Null;
        for _ in 0..6 {
            b.client
                .active_element()
                .await
                .expect("focused element")
                .send_keys("\u{E004}")
                .await
                .expect("press Tab");
            got = b
                .js("const e = document.activeElement; return ['INPUT','TEXTAREA','SELECT'].includes(e.tagName) ? e.name : null;")
                .await;
            if !got.is_null() {
                break;
            }
        }
        assert_eq!(got, Value::from(want), "Tab did not move to {want}");
    }
    b.client.clone().close().await.ok();
}
