//! The web page: static files embedded in the binary at build time (no Node build, nothing
//! read at run time). The page uses only the JSON API.

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::AppState;

/// An embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
    /// FNV-1a of the body, computed at build time.
    hash: u64,
}

impl Asset {
    fn etag(&self) -> String {
        format!("\"{:016x}\"", self.hash)
    }
}

/// FNV-1a, at compile time: an ETag that changes when the file does.
const fn fnv1a(mut bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    while let Some((b, rest)) = bytes.split_first() {
        hash ^= *b as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        bytes = rest;
    }
    hash
}

macro_rules! assets {
    ($( $name:literal => $ct:literal, )*) => {
        &[$(
            {
                const BODY: &[u8] = include_bytes!(concat!("../ui/", $name));
                Asset { name: $name, content_type: $ct, body: BODY, hash: fnv1a(BODY) }
            },
        )*]
    };
}

const ASSETS: &[Asset] = assets! {
    "index.html" => "text/html; charset=utf-8",
    "app.css" => "text/css; charset=utf-8",
    "app.js" => "text/javascript; charset=utf-8",
    "dom.js" => "text/javascript; charset=utf-8",
    "api.js" => "text/javascript; charset=utf-8",
    "url.js" => "text/javascript; charset=utf-8",
    "page.js" => "text/javascript; charset=utf-8",
    "form.js" => "text/javascript; charset=utf-8",
    "requests.js" => "text/javascript; charset=utf-8",
    "check-view.js" => "text/javascript; charset=utf-8",
    "treaty-view.js" => "text/javascript; charset=utf-8",
    "map.js" => "text/javascript; charset=utf-8",
    "next.js" => "text/javascript; charset=utf-8",
    "compare-view.js" => "text/javascript; charset=utf-8",
    "countries-110m.json" => "application/json",
    "LICENSE-world-atlas" => "text/plain; charset=utf-8",
};

/// The page's policy: scripts, styles and data from this server only.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|headers: HeaderMap| async move { serve("index.html", &headers) }))
        .route(
            "/assets/{name}",
            get(|Path(name): Path<String>, headers: HeaderMap| async move {
                serve(&name, &headers)
            }),
        )
}

fn serve(name: &str, headers: &HeaderMap) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.name == name) else {
        return crate::error::ApiError::from_status(StatusCode::NOT_FOUND).into_response();
    };
    let etag = asset.etag();
    let fresh = headers.get(header::IF_NONE_MATCH).is_some_and(|v| v.as_bytes() == etag.as_bytes());
    let mut response =
        if fresh { StatusCode::NOT_MODIFIED.into_response() } else { asset.body.into_response() };
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    // Revalidate every time: a new build must never be masked by a cached script.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if name == "index.html" {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_are_quoted_hex_and_differ() {
        let tags: Vec<String> = ASSETS.iter().map(Asset::etag).collect();
        for t in &tags {
            assert_eq!(t.len(), 18);
            assert!(t.starts_with('"') && t.ends_with('"'));
            assert!(t[1..17].chars().all(|c| c.is_ascii_hexdigit()), "{t}");
        }
        let mut unique = tags.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), tags.len());
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
