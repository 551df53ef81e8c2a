//! Static files embedded in the binary (htmx, ECharts, our CSS and JS), served with cache headers.

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// One embedded file: name, content type, bytes, whether its content never changes under this name.
struct Asset {
    name: &'static str,
    mime: &'static str,
    bytes: &'static [u8],
    immutable: bool,
}

static ASSETS: &[Asset] = &[
    Asset {
        name: "htmx.min.js",
        mime: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../../assets/vendor/htmx.min.js"),
        immutable: true,
    },
    Asset {
        name: "echarts.min.js",
        mime: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../../assets/vendor/echarts.min.js"),
        immutable: true,
    },
    Asset {
        name: "app.css",
        mime: "text/css; charset=utf-8",
        bytes: include_bytes!("../static/app.css"),
        immutable: false,
    },
    Asset {
        name: "app.js",
        mime: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../static/app.js"),
        immutable: false,
    },
];

async fn serve_asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(a) => {
            let cache = if a.immutable {
                // The vendored files change only with their version (see assets/vendor/README.md).
                "public, max-age=31536000, immutable"
            } else {
                "public, max-age=300"
            };
            (
                [
                    (header::CONTENT_TYPE, a.mime),
                    (header::CACHE_CONTROL, cache),
                ],
                a.bytes,
            )
                .into_response()
        }
        None => (StatusCode::NOT_FOUND, "没有这个文件").into_response(),
    }
}

/// `GET /static/{name}` for the embedded files.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route("/static/{name}", get(serve_asset))
}
