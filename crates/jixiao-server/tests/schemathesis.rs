//! Regressions for what `bench/schemathesis.sh` found, through real HTTP on a random local port:
//! bad input answered as English plain text (now JSON with a Chinese message and a stable code),
//! a 500 and a panic on bad input, responses that did not match their documented schema, and
//! the reverse direction of the OpenAPI check (everything served is documented).

mod common;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// The response is a JSON error `{error: code, message}` with a Chinese message.
async fn assert_json_error(r: reqwest::Response, status: StatusCode, code: &str) -> String {
    assert_eq!(r.status(), status);
    let ctype = r.headers()["content-type"].to_str().unwrap().to_string();
    assert!(ctype.starts_with("application/json"), "{ctype}");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], code, "{v}");
    let message = v["message"].as_str().unwrap().to_string();
    assert!(
        message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "Chinese message: {message}"
    );
    message
}

#[tokio::test]
async fn extractor_rejections_are_json_with_chinese_messages() {
    let srv = common::start().await;
    let admin = srv.login("admin").await;
    // Path segment out of i64 range (was `Invalid URL: Cannot parse …` as text/plain).
    let r = admin
        .req(Method::GET, "/api/forms/9223372036854775808")
        .send()
        .await
        .unwrap();
    let m = assert_json_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(m.starts_with("路径参数有误"), "{m}");
    // Query parameter of the wrong type.
    let r = admin
        .req(Method::GET, "/api/dashboard?year=abc")
        .send()
        .await
        .unwrap();
    let m = assert_json_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(m.starts_with("查询参数有误"), "{m}");
    // No Content-Type on a JSON body (was 415 text/plain).
    let r = admin
        .req(Method::POST, "/api/orgs")
        .body(r#"{"kind":"unit","name":"x"}"#)
        .send()
        .await
        .unwrap();
    assert_json_error(
        r,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
    // Not JSON at all.
    let r = srv
        .anonymous()
        .post(format!("{}/api/login", srv.base))
        .header("content-type", "application/json")
        .body("\0")
        .send()
        .await
        .unwrap();
    let m = assert_json_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(m.starts_with("请求体有误：不是有效的 JSON"), "{m}");
    // A field of the wrong type (was 422 text/plain).
    let r = admin
        .send_json(
            Method::POST,
            "/api/users",
            &json!({"username": "u9", "role": "filer", "org_id": 1.5, "password": "12345678"}),
        )
        .await;
    let m = assert_json_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(m.contains("org_id"), "names the field: {m}");
    // An import that is not multipart.
    let r = admin
        .send_json(Method::POST, "/api/imports", &json!({}))
        .await;
    let m = assert_json_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(m.contains("multipart/form-data"), "{m}");
}

#[tokio::test]
async fn unknown_org_of_a_new_user_is_400_not_500() {
    let srv = common::start().await;
    let admin = srv.login("admin").await;
    let r = admin
        .send_json(
            Method::POST,
            "/api/users",
            &json!({"username": "orphan", "role": "filer", "org_id": -81107, "password": "12345678"}),
        )
        .await;
    let m = assert_json_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(m.contains("所属单位 -81107 不存在"), "{m}");
    // Nothing was created.
    let users = admin.get_json("/api/users").await;
    assert!(
        users
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["username"] != "orphan")
    );
    // Same for an unknown parent of a new org (was 404, as if the URL were wrong).
    let r = admin
        .send_json(
            Method::POST,
            "/api/orgs",
            &json!({"parent_id": 987654, "kind": "unit", "name": "无上级单位"}),
        )
        .await;
    let m = assert_json_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(m.contains("上级单位 987654 不存在"), "{m}");
}

#[tokio::test]
async fn huge_page_number_is_an_empty_page_not_a_panic() {
    let srv = common::start().await;
    let admin = srv.login("admin").await;
    // (page - 1) * per_page overflowed i64: the debug server panicked and dropped the connection.
    let v = admin
        .get_json("/api/forms?page=9223372036854775807&per_page=500")
        .await;
    assert_eq!(v["items"], json!([]));
    assert_eq!(v["page"], json!(9223372036854775807i64));
    // The store still answers afterwards, and counts all 17 forms (12 + 4 + 1 教育局).
    let v = admin.get_json("/api/forms?per_page=1").await;
    assert_eq!(v["total_count"], 17);
}

#[tokio::test]
async fn list_filters_empty_means_no_filter_unknown_status_is_400() {
    let srv = common::start().await;
    let admin = srv.login("admin").await;
    let all = admin.get_json("/api/forms?per_page=500").await;
    assert_eq!(all["total_count"], 17);
    // `?sort=` was 400 「不能按  排序」; empty filters are what an HTML form sends.
    let empty = admin
        .get_json("/api/forms?per_page=500&sort=&status=&grade=&code=&severity=&q=")
        .await;
    assert_eq!(empty, all);
    // An unknown status silently matched nothing; now it says so.
    let r = admin
        .req(Method::GET, "/api/forms?status=%C2%84")
        .send()
        .await
        .unwrap();
    let m = assert_json_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(m.contains("未知的流程状态"), "{m}");
    let r = admin
        .req(Method::GET, "/api/exports?status=bogus&format=json")
        .send()
        .await
        .unwrap();
    assert_json_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
}

#[tokio::test]
async fn optional_bodies_may_be_absent_or_null() {
    let srv = common::start().await;
    let admin = srv.login("admin").await;
    for body in [None, Some("null")] {
        let mut req = admin.req(Method::POST, "/api/tokens");
        if let Some(b) = body {
            req = req.header("content-type", "application/json").body(b);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), 200, "{body:?}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["name"], "api");
        assert!(v["token"].as_str().unwrap().starts_with("jx_"));
    }
    // A transition with a `null` body is a transition without comments.
    let filer = srv.login("filer1").await;
    let id = filer.get_json("/api/forms?per_page=1").await["items"][0]["id"]
        .as_i64()
        .unwrap();
    let r = filer
        .req(Method::POST, &format!("/api/forms/{id}/submit"))
        .header("content-type", "application/json")
        .body("null")
        .send()
        .await
        .unwrap();
    // 200 (submitted) or 422 (open error-level findings), never 400 for the body.
    assert!(
        r.status() == 200 || r.status() == 422,
        "{}",
        r.text().await.unwrap()
    );
}

/// Every operation of the document, as (METHOD, path, operation).
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (m, op) in item.as_object().unwrap() {
            out.push((m.to_uppercase(), path.clone(), op.clone()));
        }
    }
    out
}

#[tokio::test]
async fn documented_responses_match_what_is_served() {
    let srv = common::start().await;
    let admin = srv.login("admin").await;
    let doc: Value = reqwest::get(format!("{}/api/openapi.json", srv.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ops = operations(&doc);
    for (m, path, op) in &ops {
        let responses = op["responses"].as_object().unwrap();
        // Bad input, and (but for login) not being signed in, are documented everywhere.
        assert!(responses.contains_key("400"), "{m} {path} documents 400");
        if path != "/api/login" {
            assert!(responses.contains_key("401"), "{m} {path} documents 401");
        }
        if path.contains('{') {
            assert!(responses.contains_key("404"), "{m} {path} documents 404");
        }
        // Every error answers JSON, and says so.
        for (status, r) in responses {
            if status.starts_with('4') {
                assert!(
                    r["content"]["application/json"].is_object(),
                    "{m} {path} {status} is documented as JSON"
                );
            }
        }
    }
    // The routes that answer a JSON array are documented as arrays (they were `object`).
    let form = admin.get_json("/api/forms?per_page=1").await["items"][0]["id"]
        .as_i64()
        .unwrap();
    for path in [
        "/api/forms/{id}/versions",
        "/api/forms/{id}/history",
        "/api/forms/{id}/findings",
        "/api/forms/{id}/scores",
        "/api/forms/{id}/comments",
        "/api/orgs",
        "/api/users",
    ] {
        let schema =
            &doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(schema["type"], "array", "{path}: {schema}");
        let served = admin
            .get_json(&path.replace("{id}", &form.to_string()))
            .await;
        assert!(served.is_array(), "{path} answers an array");
    }
    // A download is documented with the content type it is served with.
    let export = &doc["paths"]["/api/forms/{id}/export"]["get"]["responses"]["200"]["content"];
    for format in ["xlsx", "csv", "json"] {
        let r = admin
            .req(
                Method::GET,
                &format!("/api/forms/{form}/export?format={format}"),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{format}");
        let ctype = r.headers()["content-type"].to_str().unwrap().to_string();
        let bare = ctype.split(';').next().unwrap().trim();
        assert!(export[bare].is_object(), "{bare} documented for {format}");
    }
}

/// The reverse direction of `openapi_document_is_valid_and_complete`: nothing under `/api` is
/// served that the document does not list.
#[tokio::test]
async fn every_served_api_route_is_documented() {
    let srv = common::start().await;
    let admin = srv.login("admin").await;
    let doc: Value = reqwest::get(format!("{}/api/openapi.json", srv.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ops = operations(&doc);
    // 1. Every handler `openapi::api_router` registers is an operation of the document: the
    //    handler names inside `routes!(…)` there, counted independently of utoipa.
    let src = include_str!("../src/openapi.rs");
    let registered: usize = src
        .match_indices("routes!(")
        .map(|(i, _)| {
            let rest = &src[i + "routes!(".len()..];
            let inner = &rest[..rest.find(')').unwrap()];
            inner.split(',').filter(|s| !s.trim().is_empty()).count()
        })
        .sum();
    assert_eq!(registered, 31, "handlers registered in openapi.rs");
    assert_eq!(
        ops.len(),
        registered,
        "one operation per registered handler"
    );
    // 2. No route is added beside `routes!` (a plain axum `.route(` would be served but not
    //    documented), in the server or in the web app that merges its pages into the router.
    for (name, text) in [
        ("openapi.rs", src),
        ("lib.rs", include_str!("../src/lib.rs")),
        ("security.rs", include_str!("../src/security.rs")),
        (
            "jixiao-web routes.rs",
            include_str!("../../jixiao-web/src/routes.rs"),
        ),
    ] {
        for line in text.lines().filter(|l| l.contains(".route(")) {
            assert!(!line.contains("\"/api"), "{name}: undocumented {line}");
        }
    }
    // 3. On every documented path, the methods the document does not list answer 405: no
    //    method is served undocumented.
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let concrete = path
            .replace("{id}", "1")
            .replace("{fid}", "none")
            .replace("{version}", "1")
            .replace("{indicator}", "0");
        for m in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
            if item.get(m.to_lowercase()).is_some() {
                continue;
            }
            let r = admin
                .req(Method::from_bytes(m.as_bytes()).unwrap(), &concrete)
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            assert_eq!(
                r.status(),
                405,
                "{m} {path} is not documented, so not served"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 80,
        "{checked} undocumented (path, method) pairs probed"
    );
}
