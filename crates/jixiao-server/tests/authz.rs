//! Authorisation matrix: every API route × every role × a form of the user's own unit or
//! subtree / of another unit. The table must list exactly the routes of the OpenAPI document,
//! so a new route without an entry fails this test.

mod common;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// What a route requires.
#[derive(Clone, Copy, Debug)]
enum Rule {
    /// No login needed.
    Public,
    /// Any signed-in user.
    AnyUser,
    /// finance_admin only.
    AdminOnly,
    /// Read a form: 200 when in scope, else 404.
    FormRead,
    /// Change a form (any role) when in scope, else 403/404.
    FormWrite,
    /// Change a form, supervisor or finance_admin only.
    ReviewerWrite,
    /// Change a form, finance_admin only.
    AdminWrite,
    /// Create forms in the 办本级 unit named by the seed text (whoever sees that unit).
    CreateInSup,
}

const ROUTES: &[(&str, &str, Rule)] = &[
    ("POST", "/api/login", Rule::Public),
    ("POST", "/api/logout", Rule::AnyUser),
    ("GET", "/api/me", Rule::AnyUser),
    ("POST", "/api/tokens", Rule::AnyUser),
    ("GET", "/api/forms", Rule::AnyUser),
    ("POST", "/api/forms", Rule::CreateInSup),
    ("GET", "/api/forms/{id}", Rule::FormRead),
    ("PUT", "/api/forms/{id}", Rule::FormWrite),
    ("GET", "/api/forms/{id}/versions", Rule::FormRead),
    ("GET", "/api/forms/{id}/versions/{version}", Rule::FormRead),
    ("GET", "/api/forms/{id}/history", Rule::FormRead),
    ("GET", "/api/forms/{id}/export", Rule::FormRead),
    ("GET", "/api/exports", Rule::AnyUser),
    ("POST", "/api/forms/{id}/submit", Rule::FormWrite),
    ("POST", "/api/forms/{id}/start-review", Rule::ReviewerWrite),
    ("POST", "/api/forms/{id}/return", Rule::ReviewerWrite),
    ("POST", "/api/forms/{id}/resubmit", Rule::FormWrite),
    ("POST", "/api/forms/{id}/approve", Rule::ReviewerWrite),
    ("POST", "/api/forms/{id}/publish", Rule::AdminWrite),
    ("GET", "/api/forms/{id}/findings", Rule::FormRead),
    (
        "POST",
        "/api/forms/{id}/findings/{fid}/triage",
        Rule::FormWrite,
    ),
    ("GET", "/api/forms/{id}/scores", Rule::FormRead),
    (
        "PUT",
        "/api/forms/{id}/scores/{indicator}",
        Rule::ReviewerWrite,
    ),
    ("GET", "/api/forms/{id}/comments", Rule::FormRead),
    ("POST", "/api/forms/{id}/comments", Rule::FormWrite),
    ("GET", "/api/dashboard", Rule::AnyUser),
    ("GET", "/api/orgs", Rule::AnyUser),
    ("POST", "/api/orgs", Rule::AdminOnly),
    ("GET", "/api/users", Rule::AdminOnly),
    ("POST", "/api/users", Rule::AdminOnly),
    ("POST", "/api/imports", Rule::CreateInSup),
];

/// (username, role, which of the forms A (办本级), B (政务公开中心), C (教育局) it sees).
const USERS: &[(&str, &str, [bool; 3])] = &[
    ("admin", "finance_admin", [true, true, true]),
    ("reviewer", "supervisor", [true, true, false]),
    ("filer1", "filer", [true, false, false]),
    ("filer2", "filer", [false, true, false]),
    ("reviewer2", "supervisor", [false, false, true]),
    ("filer3", "filer", [false, false, true]),
];

fn denied(s: StatusCode) -> bool {
    s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND
}

fn allowed(s: StatusCode) -> bool {
    !matches!(s.as_u16(), 401 | 403 | 404 | 405 | 500..=599)
}

#[tokio::test]
async fn every_route_every_role_own_and_other_unit() {
    let srv = common::start().await;
    let admin = srv.login("admin").await;

    // The table covers exactly the OpenAPI routes.
    let doc = admin.get_json("/api/openapi.json").await;
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in ["get", "put", "post", "delete", "patch"] {
            if item.get(m).is_some() {
                documented.insert((m.to_uppercase(), path.clone()));
            }
        }
    }
    let table: BTreeSet<_> = ROUTES
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(
        table, documented,
        "authorisation table and OpenAPI routes differ"
    );

    // Forms A (办本级, filer1), B (政务公开中心, filer2), C (教育局, filer3), each with a finding.
    let list = admin.get_json("/api/forms?per_page=100").await;
    let pick = |unit: &str| -> i64 {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["unit_name"] == unit)
            .find(|f| f["errors"].as_i64().unwrap() + f["warnings"].as_i64().unwrap() > 0)
            .map(|f| f["id"].as_i64().unwrap())
            .unwrap_or_else(|| panic!("a form of {unit} with findings"))
    };
    let forms = [
        pick("深圳市罗湖区委（政府）办本级"),
        pick("深圳市罗湖区政务公开中心"),
        pick("深圳市罗湖区教育局"),
    ];
    let mut fids = Vec::new();
    for id in forms {
        let f = admin.get_json(&format!("/api/forms/{id}/findings")).await;
        fids.push(f[0]["id"].as_str().unwrap().to_string());
    }

    // Nobody signed in: 401 everywhere but login.
    let anon = srv.anonymous();
    for (m, p, rule) in ROUTES {
        if matches!(rule, Rule::Public) {
            continue;
        }
        let path = p
            .replace("{id}", &forms[0].to_string())
            .replace("{fid}", &fids[0])
            .replace("{version}", "1")
            .replace("{indicator}", "0");
        let r = anon
            .request(
                Method::from_bytes(m.as_bytes()).unwrap(),
                format!("{}{path}", srv.base),
            )
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{m} {p} without login");
    }

    let mut checked = 0;
    for (username, role, sees) in USERS {
        let s = srv.login(username).await;
        for (m, p, rule) in ROUTES {
            let method = Method::from_bytes(m.as_bytes()).unwrap();
            let targets: Vec<Option<usize>> = if p.contains("{id}") {
                (0..3).map(Some).collect()
            } else {
                vec![None]
            };
            for t in targets {
                let mut path = p.to_string();
                if let Some(t) = t {
                    path = path
                        .replace("{id}", &forms[t].to_string())
                        .replace("{fid}", &fids[t])
                        .replace("{version}", "1")
                        .replace("{indicator}", "0");
                }
                let own = t.map(|t| sees[t]);
                let status = send(&srv, &s, &method, p, &path, username, t).await;
                let ok = match (rule, own) {
                    (Rule::Public | Rule::AnyUser, _) => status.is_success(),
                    (Rule::AdminOnly, _) => {
                        if *role == "finance_admin" {
                            status.is_success()
                        } else {
                            status == StatusCode::FORBIDDEN
                        }
                    }
                    (Rule::FormRead, Some(true)) => status == StatusCode::OK,
                    (Rule::FormRead, _) => status == StatusCode::NOT_FOUND,
                    (Rule::FormWrite, Some(true)) => allowed(status),
                    (Rule::ReviewerWrite, Some(true)) => {
                        if *role == "filer" {
                            status == StatusCode::FORBIDDEN
                        } else {
                            allowed(status)
                        }
                    }
                    (Rule::AdminWrite, Some(true)) => {
                        if *role == "finance_admin" {
                            allowed(status)
                        } else {
                            status == StatusCode::FORBIDDEN
                        }
                    }
                    (Rule::FormWrite | Rule::ReviewerWrite | Rule::AdminWrite, _) => denied(status),
                    (Rule::CreateInSup, _) => {
                        let sees_sup = sees[0];
                        if sees_sup {
                            status.is_success()
                        } else {
                            denied(status) || status == StatusCode::UNPROCESSABLE_ENTITY
                        }
                    }
                };
                assert!(
                    ok,
                    "{username} ({role}) {m} {path} (own: {own:?}) → {status}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 6 * ROUTES.len());

    // Whatever filers tried on other units, form C was never changed by them.
    let hist = admin
        .get_json(&format!("/api/forms/{}/history", forms[2]))
        .await;
    for e in hist.as_array().unwrap() {
        let who = e["username"].as_str().unwrap();
        assert!(
            ["admin", "reviewer2", "filer3"].contains(&who),
            "{who} touched form C: {e}"
        );
    }
}

/// Send the request of a table entry with a fitting body.
async fn send(
    srv: &common::Server,
    s: &common::Session,
    method: &Method,
    template: &str,
    path: &str,
    username: &str,
    target: Option<usize>,
) -> StatusCode {
    let uniq = format!("{username}-{}", jixiao_store::random_hex(3));
    let body: Value = match template {
        "/api/login" => {
            // A separate client, so this session's cookie and CSRF token stay as they are.
            let body =
                json!({"username": username, "password": jixiao_server::demo::DEMO_PASSWORD});
            let r = srv
                .anonymous()
                .post(format!("{}{path}", srv.base))
                .json(&body)
                .send()
                .await
                .unwrap();
            return r.status();
        }
        "/api/logout" => {
            // End a separate session so this one stays usable.
            let other = srv.login(username).await;
            return other
                .req(Method::POST, "/api/logout")
                .send()
                .await
                .unwrap()
                .status();
        }
        "/api/tokens" => json!({"name": "matrix"}),
        "/api/forms" => json!({"text": common::seed_form_text(0)}),
        "/api/forms/{id}" if method == Method::PUT => {
            let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
            let version = srv
                .store
                .audit_of_form(id)
                .await
                .unwrap()
                .iter()
                .rev()
                .filter_map(|e| e.after.get("version").and_then(Value::as_i64))
                .next()
                .unwrap_or(1);
            json!({"text": common::seed_form_text(target.unwrap_or(0) + 2), "version": version})
        }
        "/api/forms/{id}/findings/{fid}/triage" => {
            // Earlier PUTs change the findings: triage one of the current version.
            let id: i64 = path.split('/').nth(3).unwrap().parse().unwrap();
            let admin = srv
                .store
                .authenticate("admin", jixiao_server::demo::DEMO_PASSWORD)
                .await
                .unwrap()
                .unwrap();
            let f = srv.store.list_findings(&admin, id).await.unwrap();
            let fid = f[0]["id"].as_str().unwrap();
            let path = format!("/api/forms/{id}/findings/{fid}/triage");
            return s
                .send_json(Method::POST, &path, &json!({"state": "open"}))
                .await
                .status();
        }
        "/api/forms/{id}/scores/{indicator}" => json!({"score": "5", "note": "复核"}),
        "/api/forms/{id}/comments" => json!({"cell": "indicators/0/actual", "text": "请核实"}),
        "/api/forms/{id}/return" => {
            json!({"comments": [{"cell": "indicators/0/actual", "text": "请补充说明"}]})
        }
        "/api/orgs" => {
            json!({"parent_id": null, "kind": "unit", "name": format!("测试单位{uniq}")})
        }
        "/api/users" => {
            json!({"username": uniq, "role": "filer", "org_id": 1, "password": "password-123"})
        }
        "/api/imports" => {
            let part =
                reqwest::multipart::Part::text(common::seed_form_text(1)).file_name("form2.txt");
            let form = reqwest::multipart::Form::new().part("file", part);
            return s
                .req(Method::POST, path)
                .multipart(form)
                .send()
                .await
                .unwrap()
                .status();
        }
        _ => json!({}),
    };
    let r = if *method == Method::GET {
        s.req(method.clone(), path).send().await.unwrap()
    } else {
        s.send_json(method.clone(), path, &body).await
    };
    r.status()
}
