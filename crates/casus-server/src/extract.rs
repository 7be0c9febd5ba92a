//! Extractors that answer bad input with the API's error shape rather than axum's plain-text
//! rejections (axum's `examples/error-handling`: "our own `AppJson` extractor").

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, StatusCode};
use casus_core::diag::{suggestion, Code, Diagnostic};
use casus_core::input::{check_date, echo, Given};
use jiff::civil::Date;
use serde::de::{DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::error::{problem, too_large, ApiError};

/// The top-level keys a request body may have, for "did you mean" on the others.
pub(crate) trait KnownKeys {
    /// The keys, as spelled in JSON.
    const KEYS: &'static [&'static str];
}

/// A JSON body. Not JSON, or a key given twice: 400 `malformed-json` with the line and column.
/// Unknown keys: 422 `unknown-key` for each, with a suggestion. Wrong types or missing fields:
/// 422 `invalid-request` with the path to the value. Over the limit: 413. Not sent as JSON: 415.
pub(crate) struct ApiJson<T>(pub(crate) T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned + KnownKeys,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let JsonBytes(bytes) = JsonBytes::from_request(req, state).await?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// A body sent as JSON, not yet parsed: for handlers that can answer from the bytes alone
/// (the check memo). Sent as something else: 415. Over the limit: 413.
pub(crate) struct JsonBytes(pub(crate) Bytes);

/// Is the body declared as UTF-8 JSON, uncompressed? `application/json` or a `+json` type,
/// with no parameter but `charset=utf-8`, and no `Content-Encoding` but `identity`. A body
/// with no `Content-Type` is read as JSON (curl's `-d` sends a form type; clients that send
/// none mean JSON).
fn declared_json(headers: &HeaderMap) -> bool {
    let encoded = headers.get_all(header::CONTENT_ENCODING).iter().any(|v| {
        !v.to_str().is_ok_and(|v| v.split(',').all(|e| e.trim().eq_ignore_ascii_case("identity")))
    });
    if encoded {
        return false;
    }
    let Some(ct) = headers.get(header::CONTENT_TYPE) else { return true };
    let Ok(ct) = ct.to_str() else { return false };
    let mut parts = ct.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let json = essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"));
    json && parts.all(|p| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        k.trim().eq_ignore_ascii_case("charset")
            && v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
    })
}

impl<S> FromRequest<S> for JsonBytes
where
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !declared_json(req.headers()) {
            return Err(ApiError::from_status(StatusCode::UNSUPPORTED_MEDIA_TYPE));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::TooLarge(too_large().into())
            } else {
                ApiError::Syntax(Box::new(problem(
                    Code::MalformedJson,
                    None,
                    format!("cannot read the body: {}", bounded(&rejection.to_string())),
                    None,
                )))
            }
        })?;
        Ok(JsonBytes(bytes))
    }
}

/// A message from a parser, which may repeat input: cut to a few lines' length.
fn bounded(message: &str) -> String {
    const MAX: usize = 160;
    if message.chars().count() <= MAX {
        return message.to_owned();
    }
    let mut s: String = message.chars().take(MAX).collect();
    s.push('…');
    s
}

/// Walks a JSON document and fails on an object that has a key twice (serde_json keeps the
/// last one silently: `{"aggressor": "RUS", "aggressor": "USA"}` would decide for the USA).
struct NoDuplicateKeys;

impl<'de> DeserializeSeed<'de> for NoDuplicateKeys {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NoDuplicateKeys {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(NoDuplicateKeys)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !keys.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!(
                    "the key `{}` is given twice",
                    echo(&key)
                )));
            }
            map.next_value_seed(NoDuplicateKeys)?;
        }
        Ok(())
    }
}

/// Parses a body: syntax and duplicate keys first (400), then keys (422, all of them), then
/// shape (422).
pub(crate) fn parse_json<T: DeserializeOwned + KnownKeys>(bytes: &[u8]) -> Result<T, ApiError> {
    let syntax = |e: serde_json::Error| {
        let help = bytes.is_empty().then(|| "the body is empty; send a JSON object".to_owned());
        ApiError::Syntax(Box::new(problem(
            Code::MalformedJson,
            None,
            format!("the body is not valid JSON: {}", bounded(&e.to_string())),
            help,
        )))
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    NoDuplicateKeys.deserialize(&mut de).and_then(|()| de.end()).map_err(syntax)?;
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(syntax)?;
    let Some(object) = value.as_object() else {
        return Err(ApiError::invalid(
            Code::InvalidRequest,
            None,
            "the body must be a JSON object",
            None,
        ));
    };
    let unknown: Vec<Diagnostic> = object
        .keys()
        .filter(|k| !T::KEYS.contains(&k.as_str()))
        .map(|k| unknown_key(k, T::KEYS))
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::Invalid(unknown));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = bounded(&e.into_inner().to_string());
        let field = (path != ".").then_some(path.as_str());
        ApiError::invalid(Code::InvalidRequest, field, inner, None)
    })
}

fn unknown_key(key: &str, known: &[&str]) -> Diagnostic {
    let help = suggestion(key, known.iter().copied())
        .unwrap_or_else(|| format!("the keys are: {}", known.join(", ")));
    problem(Code::UnknownKey, None, format!("unknown key `{}`", echo(key)), Some(help))
}

/// Query parameters, checked against the names a route takes.
#[derive(Debug, Default)]
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses a raw query string. An unknown name is a 422 `unknown-key` with a suggestion, a
    /// name given twice a 422 `conflicting-values`, all of them at once.
    pub(crate) fn parse(raw: Option<&str>, known: &[&str]) -> Result<Self, ApiError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw.unwrap_or("")).map_err(|e| {
                ApiError::invalid(
                    Code::InvalidRequest,
                    None,
                    format!("invalid query string: {}", bounded(&e.to_string())),
                    None,
                )
            })?;
        let mut problems: Vec<Diagnostic> = pairs
            .iter()
            .filter(|(k, _)| !known.contains(&k.as_str()))
            .map(|(k, _)| unknown_key(k, known))
            .collect();
        for name in known {
            if pairs.iter().filter(|(k, _)| k == name).count() > 1 {
                problems.push(problem(
                    Code::ConflictingValues,
                    Some(name),
                    format!("`{name}` is given more than once"),
                    None,
                ));
            }
        }
        if !problems.is_empty() {
            return Err(ApiError::Invalid(problems));
        }
        Ok(Self { pairs })
    }

    /// The value given for a name.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Today, read at the edge: the engine never reads the clock, the server does when a request
/// leaves the date out (as the CLI does).
pub(crate) fn today() -> Date {
    jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date()
}

/// A date as every way in reads it (`YYYY-MM-DD`), today if absent.
pub(crate) fn parse_date(s: Option<&str>, field: &str) -> Result<Date, Box<Diagnostic>> {
    let Some(s) = s else { return Ok(today()) };
    check_date(&Given::field(s.to_owned(), field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_are_invalid_dates() {
        let e = parse_date(Some("2026-13-01"), "date").err().map(|d| *d);
        let e = e.as_ref();
        assert_eq!(e.map(|d| d.code()), Some(Code::InvalidDate));
        assert_eq!(e.and_then(|d| d.field()), Some("date"));
        assert!(e.and_then(|d| d.help_text()).is_some_and(|h| h.contains("month")));
        assert!(parse_date(Some("2026-02-29"), "date").is_err());
        assert!(parse_date(Some("20260101"), "date").is_err(), "only YYYY-MM-DD");
        assert_eq!(parse_date(Some("2024-02-29"), "date").map(|d| d.day()).ok(), Some(29));
    }

    #[test]
    fn unknown_and_repeated_query_names() {
        let e = Params::parse(Some("dat=2020-01-01&lat=1"), &["date", "lat", "lon"]).err();
        let d = e.as_ref().map(ApiError::diagnostics).unwrap_or_default();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code(), Code::UnknownKey);
        assert_eq!(d[0].help_text(), Some("did you mean `date`?"));
        let e = Params::parse(Some("date=1&date=2"), &["date"]).err();
        let d = e.as_ref().map(ApiError::diagnostics).unwrap_or_default();
        assert_eq!(d[0].code(), Code::ConflictingValues);
    }

    #[test]
    fn only_utf8_json_uncompressed() {
        let h = |pairs: &[(&str, &str)]| {
            let mut m = HeaderMap::new();
            for (k, v) in pairs {
                if let (Ok(k), Ok(v)) =
                    (k.parse::<header::HeaderName>(), v.parse::<header::HeaderValue>())
                {
                    m.append(k, v);
                }
            }
            declared_json(&m)
        };
        assert!(h(&[]));
        assert!(h(&[("content-type", "application/json")]));
        assert!(h(&[("content-type", "application/json; charset=UTF-8")]));
        assert!(h(&[("content-type", "application/problem+json")]));
        assert!(!h(&[("content-type", "application/jsonx")]));
        assert!(!h(&[("content-type", "application/json; charset=utf-16")]));
        assert!(!h(&[("content-type", "text/plain")]));
        assert!(!h(&[("content-type", "application/json"), ("content-encoding", "gzip")]));
        assert!(h(&[("content-type", "application/json"), ("content-encoding", "identity")]));
    }

    #[test]
    fn duplicate_keys_are_malformed_at_any_depth() {
        #[derive(serde::Deserialize)]
        struct X {
            #[allow(dead_code, reason = "only parsed")]
            a: serde_json::Value,
        }
        impl KnownKeys for X {
            const KEYS: &'static [&'static str] = &["a"];
        }
        let dup = |s: &str| parse_json::<X>(s.as_bytes()).err().map(|e| e.status().as_u16());
        assert_eq!(dup(r#"{"a": 1, "a": 2}"#), Some(400));
        assert_eq!(dup(r#"{"a": [{"b": 1, "b": 1}]}"#), Some(400));
        assert_eq!(dup(r#"{"a": {"b": 1, "c": 1}}"#), None);
    }
}
