//! Page access control over plain HTTP (no browser): every page checks the user's scope the
//! same way the API does, and unsafe posts need the session's CSRF token.

mod common;

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::Value;

async fn client(base: &str, user: Option<&str>) -> (reqwest::Client, String) {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("client");
    let mut csrf = String::new();
    if let Some(u) = user {
        let r = c
            .post(format!("{base}/login"))
            .form(&[("username", u), ("password", common::PASSWORD)])
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "login {u}");
        let me: Value = c
            .get(format!("{base}/api/me"))
            .send()
            .await
            .expect("me")
            .json()
            .await
            .expect("me json");
        csrf = me["csrf_token"].as_str().unwrap_or("").to_string();
        assert!(!csrf.is_empty());
    }
    (c, csrf)
}

async fn form_ids(c: &reqwest::Client, base: &str) -> Vec<i64> {
    let v: Value = c
        .get(format!("{base}/api/forms?per_page=100"))
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("json");
    v["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["id"].as_i64()).collect())
        .unwrap_or_default()
}

async fn status(c: &reqwest::Client, url: String) -> StatusCode {
    c.get(url).send().await.expect("get").status()
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_check_role_and_unit() {
    let s = common::server().await;
    let b = &s.base;
    // Not signed in: pages go to the login page.
    let (anon, _) = client(b, None).await;
    for p in [
        "/",
        "/forms",
        "/queue",
        "/dashboard",
        "/admin",
        "/forms/1",
        "/upload",
    ] {
        let r = anon.get(format!("{b}{p}")).send().await.expect("get");
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{p}");
        assert_eq!(r.headers()["location"], "/login", "{p}");
    }
    assert_eq!(status(&anon, format!("{b}/login")).await, StatusCode::OK);

    let (f1, f1_csrf) = client(b, Some("filer1")).await;
    let (f2, _) = client(b, Some("filer2")).await;
    let (rev, _) = client(b, Some("reviewer")).await;
    let (adm, _) = client(b, Some("admin")).await;
    let mine = form_ids(&f1, b).await;
    let theirs = form_ids(&f2, b).await;
    assert_eq!(mine.len(), 12, "filer1 has the first 12 seed forms");
    assert_eq!(theirs.len(), 4, "filer2 has the last 4");
    assert!(mine.iter().all(|id| !theirs.contains(id)));

    // A filer opens its own forms, never another unit's (404, as the API), by any page URL.
    assert_eq!(
        status(&f1, format!("{b}/forms/{}", mine[0])).await,
        StatusCode::OK
    );
    for id in &theirs {
        assert_eq!(
            status(&f1, format!("{b}/forms/{id}")).await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(&f1, format!("{b}/forms/{id}/export.json")).await,
            StatusCode::NOT_FOUND
        );
        for format in ["xlsx", "pdf", "csv", "parquet", "json"] {
            assert_eq!(
                status(&f1, format!("{b}/forms/{id}/download/{format}")).await,
                StatusCode::NOT_FOUND,
                "filer1 downloads filer2's form {id} as {format}"
            );
            assert_eq!(
                status(&f1, format!("{b}/api/forms/{id}/export?format={format}")).await,
                StatusCode::NOT_FOUND,
                "filer1 exports filer2's form {id} as {format} through the API"
            );
        }
        for action in ["save", "preview", "submit"] {
            let r = f1
                .post(format!("{b}/forms/{id}/{action}"))
                .form(&[
                    ("csrf_token", f1_csrf.as_str()),
                    ("version", "1"),
                    ("i.0.actual", "1"),
                ])
                .send()
                .await
                .expect("post");
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{action} {id}");
        }
    }
    // Own form: an xlsx attachment with the Chinese file name (RFC 5987), readable again.
    let r = f1
        .get(format!("{b}/forms/{}/download/xlsx", mine[0]))
        .send()
        .await
        .expect("download");
    assert_eq!(r.status(), StatusCode::OK);
    let cd = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cd.starts_with("attachment; filename=\""), "{cd}");
    assert!(
        cd.contains("filename*=UTF-8''2022%E5%B9%B4%E5%BA%A6-"),
        "{cd}"
    );
    let bytes = r.bytes().await.expect("bytes");
    let back = jixiao_io::read_forms("form.xlsx", &bytes, &Default::default());
    assert_eq!(back.len(), 1, "one form in the workbook");
    // The PDF report of one form (CI installs fonts-noto-cjk, as for jixiao-report's tests).
    let r = f1
        .get(format!("{b}/forms/{}/download/pdf", mine[0]))
        .send()
        .await
        .expect("pdf");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(r.bytes().await.expect("pdf bytes").starts_with(b"%PDF"));
    // A batch download holds only the filer's own unit: 12 forms, none of filer2's.
    let r = f1
        .get(format!("{b}/exports/download/json?year=2022"))
        .send()
        .await
        .expect("batch");
    assert_eq!(r.status(), StatusCode::OK);
    let cd = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cd.contains(
            "filename*=UTF-8''%E8%87%AA%E8%AF%84%E8%A1%A8-2022%E5%B9%B4%E5%BA%A6-12%E4%BB%BD.json"
        ),
        "{cd}"
    );
    let doc: Value = r.json().await.expect("json");
    assert_eq!(doc["forms"].as_array().map(Vec::len), Some(12));
    let r = f2
        .get(format!("{b}/api/exports?format=csv"))
        .send()
        .await
        .expect("api batch");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/zip");
    let bytes = r.bytes().await.expect("zip");
    assert_eq!(&bytes[..2], b"PK");
    assert_eq!(
        status(&f1, format!("{b}/exports/download/docx")).await,
        StatusCode::BAD_REQUEST
    );

    // The stored form of the other unit is unchanged.
    let v: Value = f2
        .get(format!("{b}/api/forms/{}", theirs[0]))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(v["version"], 1);

    // Role pages.
    for (c, p, want) in [
        (&f1, "/queue", StatusCode::FORBIDDEN),
        (&f1, "/dashboard", StatusCode::FORBIDDEN),
        (&f1, "/admin", StatusCode::FORBIDDEN),
        (&rev, "/admin", StatusCode::FORBIDDEN),
        (&rev, "/queue", StatusCode::OK),
        (&rev, "/dashboard", StatusCode::OK),
        (&adm, "/admin", StatusCode::OK),
        (&adm, "/dashboard", StatusCode::OK),
        (&f1, "/forms", StatusCode::OK),
        (&f1, "/", StatusCode::OK),
        (&rev, "/", StatusCode::OK),
        (&adm, "/", StatusCode::OK),
    ] {
        assert_eq!(status(c, format!("{b}{p}")).await, want, "{p}");
    }
    // The reviewer (supervisor of both units) sees both units' forms; the list pages agree.
    assert_eq!(
        status(&rev, format!("{b}/forms/{}", theirs[0])).await,
        StatusCode::OK
    );
    let html = rev
        .get(format!("{b}/queue"))
        .send()
        .await
        .expect("queue")
        .text()
        .await
        .expect("text");
    assert!(html.contains("共 16 份"), "queue count");
    let html = f1
        .get(format!("{b}/forms"))
        .send()
        .await
        .expect("list")
        .text()
        .await
        .expect("text");
    assert!(html.contains("共 12 份"), "filer list count");
}

#[tokio::test(flavor = "multi_thread")]
async fn posts_need_the_csrf_token() {
    let s = common::server().await;
    let b = &s.base;
    let (f1, csrf) = client(b, Some("filer1")).await;
    let id = form_ids(&f1, b).await[0];
    let r = f1
        .post(format!("{b}/forms/{id}/save"))
        .form(&[("version", "1"), ("i.0.actual", "1")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = f1
        .post(format!("{b}/forms/{id}/save"))
        .form(&[("csrf_token", "wrong"), ("version", "1")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // With the token the save goes through and bumps the version.
    let r = f1
        .post(format!("{b}/forms/{id}/save"))
        .form(&[("csrf_token", csrf.as_str()), ("version", "1")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Saving again from the old version is a conflict with a clear message.
    let r = f1
        .post(format!("{b}/forms/{id}/save"))
        .form(&[("csrf_token", csrf.as_str()), ("version", "1")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let text = r.text().await.expect("text");
    assert!(
        text.contains("已被修改") && text.contains("第 2 版"),
        "{text}"
    );
    // Every form on the page carries the token.
    let html = f1
        .get(format!("{b}/forms/{id}"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("text");
    let forms = html.matches("<form").count();
    let tokens = html.matches("name=\"csrf_token\"").count();
    assert!(
        forms >= 2 && tokens >= forms,
        "{forms} forms, {tokens} tokens"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn finding_ids_match_the_store() {
    // The editor names findings by the store's ids (for triage); both must agree on every
    // demo form, repeats on one line included.
    let s = common::server().await;
    let store = &s.state.store;
    let admin = store
        .authenticate("admin", common::PASSWORD)
        .await
        .expect("auth")
        .expect("admin");
    for id in 1..=16 {
        let stored = store.get_form(&admin, id).await.expect("form");
        let form = jixiao_core::output::json::form_from_json(&stored.body).expect("parse");
        let c = jixiao_core::pipeline::check_form(form);
        let mut ours = jixiao_web::view::finding_ids(&c.findings);
        let mut theirs: Vec<String> = stored.body["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["id"].as_str().unwrap_or("").to_string())
            .collect();
        // The order may differ (columns do not survive the JSON shape); the ids may not.
        ours.sort();
        theirs.sort();
        assert_eq!(ours, theirs, "form {id}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn upload_imports_a_file_and_reports_it() {
    let s = common::server().await;
    let b = &s.base;
    let (f1, csrf) = client(b, Some("filer1")).await;
    // The first seed form alone (its unit is filer1's).
    let seed = include_str!("../../../tests/fixtures/seed.txt");
    let first = seed.find("项目支出绩效自评表").expect("title");
    let after = first + "项目支出绩效自评表".len();
    let second = seed[after..]
        .find("项目支出绩效自评表")
        .map_or(seed.len(), |i| i + after);
    let one = seed[..second].to_string();
    let part = reqwest::multipart::Part::bytes(one.into_bytes()).file_name("一份.txt");
    let form = reqwest::multipart::Form::new().part("files", part);
    let r = f1
        .post(format!("{b}/upload?csrf_token={csrf}"))
        .header("hx-request", "true")
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("text");
    assert!(html.contains("已导入 1 份自评表"), "{html}");
    assert!(html.contains("一份.txt"), "{html}");
    assert_eq!(form_ids(&f1, b).await.len(), 13);
    // Without the token the upload is refused by the CSRF check.
    let part = reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("x.txt");
    let r = f1
        .post(format!("{b}/upload"))
        .multipart(reqwest::multipart::Form::new().part("files", part))
        .send()
        .await
        .expect("upload");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
