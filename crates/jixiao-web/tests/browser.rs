//! The whole application in headless Chromium: login as each role, live recomputation on a
//! stored form, submit → return with a comment → fix → resubmit → approve → publish, scope by
//! URL, dashboard charts drawn, exports, layout at 1366×768 and 390 px, screenshots.
//! Runs only with `JIXIAO_TEST_CHROMIUM=/usr/bin/chromium`.

mod common;

use common::{Browser, PASSWORD};
use fantoccini::Locator;
use serde_json::Value;

async fn login(b: &Browser, base: &str, user: &str) {
    // Sign out whoever is signed in (the logout button is on every page when signed in).
    b.goto(&format!("{base}/")).await;
    if b.js("return !!document.querySelector('form[action=\"/logout\"] button');")
        .await
        == Value::Bool(true)
    {
        b.client
            .find(Locator::Css("form[action='/logout'] button"))
            .await
            .expect("logout")
            .click()
            .await
            .expect("click logout");
        b.wait_for("return location.pathname === '/login';").await;
    }
    b.goto(&format!("{base}/login")).await;
    b.client
        .find(Locator::Id("username"))
        .await
        .expect("username")
        .send_keys(user)
        .await
        .expect("type");
    b.client
        .find(Locator::Id("password"))
        .await
        .expect("password")
        .send_keys(PASSWORD)
        .await
        .expect("type");
    b.client
        .find(Locator::Css("button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    b.wait_for("return location.pathname === '/' && document.readyState === 'complete';")
        .await;
}

async fn click(b: &Browser, css: &str) {
    b.client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn set_value(b: &Browser, css: &str, text: &str) {
    let e = b
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"));
    e.clear().await.expect("clear");
    e.send_keys(text).await.expect("type");
}

async fn wait_loaded(b: &Browser) {
    b.wait_for("return document.readyState === 'complete';")
        .await;
}

async fn status_text(b: &Browser) -> String {
    b.text(".pagehead .status").await
}

async fn no_errors(b: &Browser, page: &str) {
    let errs = b.errors().await;
    assert!(errs.is_empty(), "{page}: page errors {errs:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn whole_workflow_in_the_browser() {
    let Some(chromium) = common::chromium() else {
        return;
    };
    let s = common::server().await;
    let base = s.base.clone();
    let mut b = common::browser(&chromium, 1366, 768).await;

    // --- filer1: home, list, editor with live recomputation -------------------------------
    login(&b, &base, "filer1").await;
    assert!(b.text("h1").await.contains("待办"));
    b.assert_no_horizontal_scroll("filer home").await;
    b.screenshot("filer-home").await;
    b.goto(&format!("{base}/forms")).await;
    b.assert_inputs_labelled("filer list").await;
    b.screenshot("filer-forms").await;
    // Seed form 1 is the first form: 保障处级干部健康管理人数 target 11, weight 7.50.
    b.goto(&format!("{base}/forms/1")).await;
    assert_eq!(b.text("#calc-i-0 output").await, "7.50");
    b.js("window.__marker = 'same page';").await;
    set_value(&b, "input[name='i.0.actual']", "5.5").await;
    b.wait_for("return document.querySelector('#calc-i-0 output').textContent === '3.75';")
        .await;
    b.wait_for("return document.querySelector('#find-i-0 .finding') !== null;")
        .await;
    assert_eq!(
        b.js("return window.__marker;").await,
        Value::from("same page")
    );
    b.assert_inputs_labelled("editor").await;
    b.assert_no_horizontal_scroll("editor").await;
    no_errors(&b, "editor").await;
    b.screenshot("filer-editor").await;
    // Save; then submit (explaining any error-level finding).
    click(&b, "button[formaction='/forms/1/save']").await;
    b.wait_for("return location.search.includes('msg=saved');")
        .await;
    assert!(b.text(".flash").await.contains("已保存"));
    assert!(b.text(".pagehead .muted").await.contains("第 2 版"));
    let has_errors = b
        .js("return !!document.querySelector('form[action=\"/forms/1/explain\"]');")
        .await;
    if has_errors == Value::Bool(true) {
        let n = b.js("return document.querySelectorAll('form[action=\"/forms/1/explain\"] input[name^=\"x.\"]').length;").await;
        for k in 0..n.as_u64().unwrap_or(0) {
            let css = format!(
                "form[action='/forms/1/explain'] label:nth-of-type({}) input",
                k + 1
            );
            set_value(&b, &css, "人数按实际在职人员核定").await;
        }
        click(&b, "form[action='/forms/1/explain'] button[type=submit]").await;
    } else {
        click(&b, "button[formaction='/forms/1/submit']").await;
    }
    b.wait_for("return location.search.includes('msg=submitted');")
        .await;
    assert_eq!(status_text(&b).await, "已提交");

    // --- filer2 cannot open filer1's form by URL ---------------------------------------------
    login(&b, &base, "filer2").await;
    b.goto(&format!("{base}/forms/1")).await;
    assert_eq!(b.text("h1").await, "未找到");
    assert!(
        b.js("return document.querySelector('#editor') === null;")
            .await
            == Value::Bool(true)
    );

    // --- reviewer: queue, start review, return with a comment --------------------------------
    login(&b, &base, "reviewer").await;
    b.screenshot("reviewer-home").await;
    b.goto(&format!("{base}/queue?status=submitted")).await;
    assert!(b.text("table.list").await.contains("干部健康管理"));
    b.assert_inputs_labelled("queue").await;
    b.assert_no_horizontal_scroll("queue").await;
    b.screenshot("reviewer-queue").await;
    b.goto(&format!("{base}/forms/1")).await;
    click(&b, "form[action='/forms/1/action/start-review'] button").await;
    b.wait_for("return location.search.includes('msg=started');")
        .await;
    assert_eq!(status_text(&b).await, "审核中");
    set_value(&b, "input[name='rc.0']", "完成值与佐证材料不符，请核实").await;
    set_value(&b, "input[name='rs.0']", "5").await;
    b.assert_inputs_labelled("review").await;
    b.screenshot("reviewer-review").await;
    click(&b, "#review button[value='return']").await;
    b.wait_for("return location.search.includes('msg=returned');")
        .await;
    assert_eq!(status_text(&b).await, "已退回");

    // --- filer1: sees the comment at the row, fixes, resubmits ------------------------------
    login(&b, &base, "filer1").await;
    assert!(
        b.text("main").await.contains("干部健康管理"),
        "returned form on the home page"
    );
    b.goto(&format!("{base}/forms/1")).await;
    assert!(b.text("#row-i-0").await.contains("完成值与佐证材料不符"));
    set_value(&b, "input[name='i.0.actual']", "11").await;
    b.wait_for("return document.querySelector('#calc-i-0 output').textContent === '7.50';")
        .await;
    b.screenshot("filer-returned").await;
    let has_errors = b
        .js("return !!document.querySelector('form[action=\"/forms/1/explain\"] input');")
        .await;
    if has_errors == Value::Bool(true) {
        // Errors already explained stay accepted; only the submit is needed.
        click(&b, "button[formaction='/forms/1/save']").await;
        b.wait_for("return location.search.includes('msg=saved');")
            .await;
        let n = b.js("return document.querySelectorAll('form[action=\"/forms/1/explain\"] input[name^=\"x.\"]').length;").await;
        for k in 0..n.as_u64().unwrap_or(0) {
            let css = format!(
                "form[action='/forms/1/explain'] label:nth-of-type({}) input",
                k + 1
            );
            set_value(&b, &css, "已核实").await;
        }
        click(&b, "form[action='/forms/1/explain'] button[type=submit]").await;
    } else {
        click(&b, "button[formaction='/forms/1/submit']").await;
    }
    b.wait_for("return location.search.includes('msg=resubmitted');")
        .await;
    assert_eq!(status_text(&b).await, "已重新提交");

    // --- reviewer approves --------------------------------------------------------------------
    login(&b, &base, "reviewer").await;
    b.goto(&format!("{base}/forms/1")).await;
    click(&b, "form[action='/forms/1/action/start-review'] button").await;
    b.wait_for("return location.search.includes('msg=started');")
        .await;
    click(&b, "#review button[value='approve']").await;
    b.wait_for("return location.search.includes('msg=approved');")
        .await;
    assert_eq!(status_text(&b).await, "已通过");

    // --- admin publishes; dashboard; exports; admin pages -------------------------------------
    login(&b, &base, "admin").await;
    b.screenshot("admin-home").await;
    b.goto(&format!("{base}/forms/1")).await;
    click(&b, "form[action='/forms/1/action/publish'] button").await;
    b.wait_for("return location.search.includes('msg=published');")
        .await;
    assert_eq!(status_text(&b).await, "已公开");

    b.goto(&format!("{base}/dashboard")).await;
    b.wait_for("return document.querySelectorAll('.chart canvas').length === 5;")
        .await;
    // Every chart's canvas has drawn pixels (not blank).
    let drawn = b
        .js(r#"return Array.from(document.querySelectorAll('.chart canvas')).map(c => {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0; for (let i = 3; i < d.length; i += 16) { if (d[i] > 0) n++; } return n; });"#)
        .await;
    let counts: Vec<u64> = drawn
        .as_array()
        .expect("counts")
        .iter()
        .map(|v| v.as_u64().unwrap_or(0))
        .collect();
    assert!(counts.iter().all(|&n| n > 100), "blank chart: {counts:?}");
    no_errors(&b, "dashboard").await;
    b.assert_no_horizontal_scroll("dashboard").await;
    b.screenshot("admin-dashboard").await;

    // Export of one form: downloads as an attachment and parses as the check JSON.
    let exported = b
        .js(r#"
              return fetch('/forms/1/export.json').then(async r => [r.headers.get('content-disposition'), JSON.parse(await r.text())]);"#)
        .await;
    assert!(exported[0].as_str().unwrap_or("").contains("attachment"));
    assert_eq!(exported[1]["status"], "published");
    assert_eq!(exported[1]["header"]["project_name"], "干部健康管理");
    let csv = b
        .js("return fetch('/exports/forms.csv').then(r => r.text());")
        .await;
    let csv = csv.as_str().unwrap_or("");
    assert_eq!(csv.lines().count(), 17, "header + 16 forms");
    assert!(csv.contains("干部健康管理"));

    // xlsx downloads, of one form and of the whole year, from the links on the pages; the bytes
    // are read back by jixiao_io (the workbook opens and holds the forms).
    b.goto(&format!("{base}/forms/1")).await;
    let href = b
        .js("return document.querySelector('.downloads a[href$=\"/download/xlsx\"]').getAttribute('href');")
        .await;
    assert_eq!(href, "/forms/1/download/xlsx");
    let fetch_bytes = |url: &str| {
        format!(
            r#"return fetch('{url}').then(async r => [r.status, r.headers.get('content-disposition'),
                  Array.from(new Uint8Array(await r.arrayBuffer()))]);"#
        )
    };
    let got = b.js(&fetch_bytes("/forms/1/download/xlsx")).await;
    assert_eq!(got[0], 200);
    let cd = got[1].as_str().unwrap_or("");
    assert!(
        cd.contains("attachment") && cd.contains("filename*=UTF-8''"),
        "{cd}"
    );
    let bytes: Vec<u8> = got[2]
        .as_array()
        .expect("bytes")
        .iter()
        .map(|v| v.as_u64().unwrap_or(0) as u8)
        .collect();
    let forms = jixiao_io::read_forms("form.xlsx", &bytes, &Default::default());
    assert_eq!(forms.len(), 1, "the downloaded workbook opens");
    let name = forms[0]
        .header
        .project_name
        .as_ref()
        .map(|s| s.value.as_str());
    assert_eq!(name, Some("干部健康管理"));
    b.goto(&format!("{base}/queue?year=2022")).await;
    let href = b
        .js("return document.querySelector('a[href^=\"/exports/download/xlsx\"]').getAttribute('href');")
        .await;
    assert_eq!(href, "/exports/download/xlsx?year=2022");
    let got = b.js(&fetch_bytes("/exports/download/xlsx?year=2022")).await;
    assert_eq!(got[0], 200);
    let bytes: Vec<u8> = got[2]
        .as_array()
        .expect("bytes")
        .iter()
        .map(|v| v.as_u64().unwrap_or(0) as u8)
        .collect();
    let forms = jixiao_io::read_forms("year.xlsx", &bytes, &Default::default());
    assert_eq!(
        forms.len(),
        16,
        "the whole year's workbook holds the 16 forms"
    );

    b.goto(&format!("{base}/admin")).await;
    b.assert_inputs_labelled("admin").await;
    b.screenshot("admin-orgs").await;
    b.goto(&format!("{base}/upload")).await;
    b.assert_inputs_labelled("upload").await;
    b.screenshot("admin-upload").await;

    // --- 390 px wide: no horizontal page scroll; the wide table scrolls in its container ----
    b.set_viewport(390, 844).await;
    for p in ["/", "/queue", "/forms/1", "/dashboard", "/admin", "/upload"] {
        b.goto(&format!("{base}{p}")).await;
        wait_loaded(&b).await;
        b.assert_no_horizontal_scroll(&format!("{p} at 390px"))
            .await;
    }
    b.goto(&format!("{base}/forms/1")).await;
    let inner = b.js("const s = document.querySelector('.indicators').closest('.scroll'); return [s.scrollWidth, s.clientWidth];").await;
    assert!(
        inner[0].as_u64() > inner[1].as_u64(),
        "the indicator table scrolls inside its container"
    );
    b.screenshot("admin-editor-390").await;
    b.goto(&format!("{base}/")).await;
    b.screenshot("admin-home-390").await;
    b.client.clone().close().await.ok();
}
