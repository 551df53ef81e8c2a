//! API tests through real HTTP on a random local port.

mod common;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn login_cookie_csrf_and_bearer() {
    let srv = common::start().await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = client
        .post(format!("{}/api/login", srv.base))
        .json(&json!({"username": "filer1", "password": "jixiao-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("jixiao_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let v: Value = r.json().await.unwrap();
    let csrf = v["csrf_token"].as_str().unwrap().to_string();
    assert_eq!(v["user"]["role"], "filer");
    // Safe requests need no CSRF token; unsafe ones do.
    let me = client
        .get(format!("{}/api/me", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let r = client
        .post(format!("{}/api/tokens", srv.base))
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "csrf");
    let r = client
        .post(format!("{}/api/tokens", srv.base))
        .header("X-CSRF-Token", "wrong")
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // An HTML form post may carry the token as a form field.
    let r = client
        .post(format!("{}/api/tokens", srv.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf_token={csrf}"))
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 403, "form-field CSRF token accepted");
    let r = client
        .post(format!("{}/api/tokens", srv.base))
        .header("X-CSRF-Token", &csrf)
        .json(&json!({"name": "script"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let token = r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    // Bearer: no cookie, no CSRF.
    let plain = reqwest::Client::new();
    let r = plain
        .post(format!("{}/api/forms/1/comments", srv.base))
        .bearer_auth(&token)
        .json(&json!({"cell": "indicators/0/actual", "text": "脚本添加"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = plain
        .get(format!("{}/api/me", srv.base))
        .bearer_auth("jx_nonsense")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Logout ends the session.
    let r = client
        .post(format!("{}/api/logout", srv.base))
        .header("X-CSRF-Token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = client
        .get(format!("{}/api/me", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn login_rate_limited_per_username() {
    let srv = common::start().await;
    let c = reqwest::Client::new();
    let url = format!("{}/api/login", srv.base);
    for _ in 0..jixiao_server::auth::MAX_PER_USER {
        let r = c
            .post(&url)
            .json(&json!({"username": "filer2", "password": "wrong-pass"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    }
    // Even the right password is refused now.
    let r = c
        .post(&url)
        .json(&json!({"username": "filer2", "password": "jixiao-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    // Another user is not affected.
    let r = c
        .post(&url)
        .json(&json!({"username": "filer1", "password": "jixiao-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn security_headers_and_size_limits() {
    let srv = common::start().await;
    let s = srv.login("admin").await;
    let r = s.req(Method::GET, "/api/me").send().await.unwrap();
    let h = r.headers();
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["referrer-policy"], "same-origin");
    // A 3 MB JSON body is refused (limit 2 MB).
    let big = json!({"text": "甲".repeat(1024 * 1024)});
    let r = s.send_json(Method::POST, "/api/forms", &big).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Swagger UI is served.
    let r = s.req(Method::GET, "/api/docs/").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("swagger"));
}

#[tokio::test]
async fn two_clients_same_version_one_conflict() {
    let srv = common::start().await;
    let a = srv.login("filer1").await;
    let b = srv.login("reviewer").await;
    let list = a.get_json("/api/forms?per_page=1").await;
    let id = list["items"][0]["id"].as_i64().unwrap();
    let fa = a.get_json(&format!("/api/forms/{id}")).await;
    let fb = b.get_json(&format!("/api/forms/{id}")).await;
    assert_eq!(fa["version"], fb["version"]);
    let v = fa["version"].as_i64().unwrap();
    // Each client edits the form it read (the check JSON shape plus `version`).
    let mut b3 = fa.clone();
    b3["header"]["project_name"] = json!("甲改的项目名称");
    let mut b4 = fb.clone();
    b4["header"]["project_name"] = json!("乙改的项目名称");
    let path = format!("/api/forms/{id}");
    let (ra, rb) = tokio::join!(
        a.send_json(Method::PUT, &path, &b3),
        b.send_json(Method::PUT, &path, &b4),
    );
    let mut statuses = [ra.status().as_u16(), rb.status().as_u16()];
    let loser = if ra.status() == 409 { ra } else { rb };
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let e: Value = loser.json().await.unwrap();
    assert_eq!(e["current_version"], v + 1);
    let now = a.get_json(&format!("/api/forms/{id}")).await;
    assert_eq!(now["version"], v + 1);
    assert_eq!(now["status"], "draft");
    assert!(now["read_status"].is_string());
    let name = now["header"]["project_name"].as_str().unwrap();
    assert!(
        name == "甲改的项目名称" || name == "乙改的项目名称",
        "{name}"
    );
}

#[tokio::test]
async fn put_check_json_round_trip_rechecks() {
    let srv = common::start().await;
    let s = srv.login("filer1").await;
    let list = s.get_json("/api/forms?per_page=1").await;
    let id = list["items"][0]["id"].as_i64().unwrap();
    let path = format!("/api/forms/{id}");
    let f = s.get_json(&path).await;
    // Unchanged content: a new version with the same scores and findings.
    let r = s.send_json(Method::PUT, &path, &f).await;
    assert_eq!(r.status(), 200, "{:?}", r.text().await);
    let g = s.get_json(&path).await;
    assert_eq!(g["version"], f["version"].as_i64().unwrap() + 1);
    assert_eq!(g["total"], f["total"]);
    assert_eq!(g["indicators"], f["indicators"]);
    let codes = |v: &Value| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&g), codes(&f));
    // Change a printed indicator score: the check runs again and the total follows.
    let mut h = g.clone();
    let old = h["indicators"][0]["score"]["printed"]
        .as_str()
        .unwrap()
        .to_string();
    let weight = h["indicators"][0]["weight"].as_str().unwrap().to_string();
    let lower = rust_decimal::Decimal::from_str_exact(&old).unwrap() - rust_decimal::Decimal::ONE;
    h["indicators"][0]["score"] = json!({"printed": lower.to_string()});
    let r = s.send_json(Method::PUT, &path, &h).await;
    assert_eq!(r.status(), 200);
    let k: Value = r.json().await.unwrap();
    let before =
        rust_decimal::Decimal::from_str_exact(g["total"]["computed"].as_str().unwrap()).unwrap();
    let after =
        rust_decimal::Decimal::from_str_exact(k["total"]["computed"].as_str().unwrap()).unwrap();
    assert_eq!(
        after,
        before - rust_decimal::Decimal::ONE,
        "weight {weight}, score {old} → {lower}"
    );
    // A malformed field is named.
    let mut bad = k.clone();
    bad["indicators"][0]["weight"] = json!("很多");
    let r = s.send_json(Method::PUT, &path, &bad).await;
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert!(e["message"].as_str().unwrap().contains("indicators"), "{e}");
}

#[tokio::test]
async fn import_batch_all_or_nothing_over_http() {
    let srv = common::start().await;
    let s = srv.login("admin").await;
    let before = s.get_json("/api/forms?per_page=1").await["total_count"]
        .as_i64()
        .unwrap();
    let good = reqwest::multipart::Part::text(common::seed_form_text(2)).file_name("good.txt");
    let bad =
        reqwest::multipart::Part::bytes(vec![0u8, 1, 2, 3, 255, 254]).file_name("broken.xlsx");
    let form = reqwest::multipart::Form::new()
        .part("file", good)
        .part("file", bad);
    let r = s
        .req(Method::POST, "/api/imports")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let rep: Value = r.json().await.unwrap();
    assert_eq!(rep["imported"], false);
    assert_eq!(rep["files"][1]["file"], "broken.xlsx");
    assert!(
        rep["files"][1]["error"]
            .as_str()
            .unwrap()
            .contains("broken.xlsx")
    );
    assert!(rep["files"][0]["error"].is_null());
    let after = s.get_json("/api/forms?per_page=1").await["total_count"]
        .as_i64()
        .unwrap();
    assert_eq!(before, after);
    // The same good file alone imports.
    let good = reqwest::multipart::Part::text(common::seed_form_text(2)).file_name("good.txt");
    let r = s
        .req(Method::POST, "/api/imports")
        .multipart(reqwest::multipart::Form::new().part("file", good))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let after = s.get_json("/api/forms?per_page=1").await["total_count"]
        .as_i64()
        .unwrap();
    assert_eq!(after, before + 1);
}

#[tokio::test]
async fn workflow_through_http() {
    let srv = common::start().await;
    let filer = srv.login("filer2").await;
    let reviewer = srv.login("reviewer").await;
    let admin = srv.login("admin").await;
    let list = filer.get_json("/api/forms?sort=-errors").await;
    assert_eq!(list["total_count"], 4);
    let id = list["items"][0]["id"].as_i64().unwrap();
    let errors = list["items"][0]["errors"].as_i64().unwrap();
    assert!(errors > 0, "the seed's center forms have errors");
    let r = filer
        .send_json(Method::POST, &format!("/api/forms/{id}/submit"), &json!({}))
        .await;
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["findings"].as_array().unwrap().len() as i64, errors);
    for f in e["findings"].as_array().unwrap() {
        let fid = f["id"].as_str().unwrap();
        let r = filer
            .send_json(
                Method::POST,
                &format!("/api/forms/{id}/findings/{fid}/triage"),
                &json!({"state": "accepted", "reason": "已与主管部门核实"}),
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    let r = filer
        .send_json(Method::POST, &format!("/api/forms/{id}/submit"), &json!({}))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "submitted");
    // Editing a submitted form is refused.
    let r = filer
        .send_json(
            Method::PUT,
            &format!("/api/forms/{id}"),
            &json!({"text": common::seed_form_text(0), "version": 1}),
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = reviewer
        .send_json(
            Method::POST,
            &format!("/api/forms/{id}/start-review"),
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = reviewer
        .send_json(
            Method::POST,
            &format!("/api/forms/{id}/return"),
            &json!({"comments": [{"cell": "indicators/2/actual", "text": "实际完成值缺少单位"}]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let comments = filer.get_json(&format!("/api/forms/{id}/comments")).await;
    assert_eq!(comments[0]["cell"], "indicators/2/actual");
    let r = filer
        .send_json(
            Method::POST,
            &format!("/api/forms/{id}/resubmit"),
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    reviewer
        .send_json(
            Method::POST,
            &format!("/api/forms/{id}/start-review"),
            &json!({}),
        )
        .await;
    let r = reviewer
        .send_json(
            Method::PUT,
            &format!("/api/forms/{id}/scores/0"),
            &json!({"score": "9.5"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = reviewer
        .send_json(
            Method::POST,
            &format!("/api/forms/{id}/approve"),
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = reviewer
        .send_json(
            Method::POST,
            &format!("/api/forms/{id}/publish"),
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = admin
        .send_json(
            Method::POST,
            &format!("/api/forms/{id}/publish"),
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let hist = admin.get_json(&format!("/api/forms/{id}/history")).await;
    let actions: Vec<&str> = hist
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in [
        "import",
        "triage",
        "submit",
        "start_review",
        "return",
        "comment",
        "resubmit",
        "review_score",
        "approve",
        "publish",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    let dash = admin.get_json("/api/dashboard?year=2022").await;
    assert_eq!(dash["forms"], 17);
    let published = dash["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "published")
        .unwrap();
    assert_eq!(published["forms"], 1);
}

#[tokio::test]
async fn openapi_document_is_valid_and_complete() {
    let srv = common::start().await;
    let r = reqwest::get(format!("{}/api/openapi.json", srv.base))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    let spec = oas3::from_json(&text).expect("a valid OpenAPI 3.1 document");
    let paths = spec.paths.expect("paths");
    for p in [
        "/api/login",
        "/api/forms",
        "/api/forms/{id}",
        "/api/imports",
        "/api/dashboard",
        "/api/forms/{id}/history",
    ] {
        assert!(paths.contains_key(p), "{p} documented");
    }
    // Every documented operation answers (not 404/405) on the running server.
    let admin = srv.login("admin").await;
    for (path, item) in &paths {
        let concrete = path
            .replace("{id}", "1")
            .replace("{fid}", "none")
            .replace("{version}", "1")
            .replace("{indicator}", "0");
        for (m, _) in item.methods() {
            let method = Method::from_bytes(m.as_str().as_bytes()).unwrap();
            if method == Method::POST && path.ends_with("/logout") {
                continue;
            }
            let r = admin
                .req(method.clone(), &concrete)
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            assert_ne!(r.status(), 405, "{m} {path}");
            if !path.contains("{fid}") {
                assert_ne!(r.status(), 404, "{m} {path} → 404");
            }
        }
    }
}
