//! Extractors that answer bad input with the API's error shape rather than axum's plain-text
//! rejections (axum's `examples/error-handling`: "our own `AppJson` extractor").

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use casus_core::diag::{did_you_mean, Code, DetailedDiagnostic};
use jiff::civil::Date;
use serde::de::DeserializeOwned;

use crate::error::{problem, too_large, ApiError};

/// The top-level keys a request body may have, for "did you mean" on the others.
pub(crate) trait KnownKeys {
    /// The keys, as spelled in JSON.
    const KEYS: &'static [&'static str];
}

/// A JSON body. Not JSON: 400 `malformed-json` with the line and column. Unknown keys: 422
/// `unknown-key` for each, with a suggestion. Wrong types or missing fields: 422
/// `invalid-request` with the path to the value. Over the limit: 413.
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

impl<S> FromRequest<S> for JsonBytes
where
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(ct) = req.headers().get(header::CONTENT_TYPE) {
            let ct = ct.to_str().unwrap_or("").to_ascii_lowercase();
            if !ct.starts_with("application/json") && !ct.contains("+json") {
                return Err(ApiError::from_status(StatusCode::UNSUPPORTED_MEDIA_TYPE));
            }
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::TooLarge(too_large().into())
            } else {
                ApiError::Syntax(
                    problem("malformed-json", format!("cannot read the body: {rejection}"), None)
                        .into(),
                )
            }
        })?;
        Ok(JsonBytes(bytes))
    }
}

/// Parses a body: syntax first (400), then keys (422, all of them), then shape (422).
pub(crate) fn parse_json<T: DeserializeOwned + KnownKeys>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        let help = if bytes.is_empty() {
            Some("the body is empty; send a JSON object".to_owned())
        } else {
            None
        };
        ApiError::Syntax(
            problem("malformed-json", format!("the body is not valid JSON: {e}"), help).into(),
        )
    })?;
    let Some(object) = value.as_object() else {
        return Err(ApiError::invalid("invalid-request", "the body must be a JSON object", None));
    };
    let unknown: Vec<DetailedDiagnostic> = object
        .keys()
        .filter(|k| !T::KEYS.contains(&k.as_str()))
        .map(|k| unknown_key(k, T::KEYS))
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::Invalid(unknown));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = if path == "." { inner.to_string() } else { format!("`{path}`: {inner}") };
        ApiError::invalid("invalid-request", message, None)
    })
}

fn unknown_key(key: &str, known: &[&str]) -> DetailedDiagnostic {
    let help = match did_you_mean(key, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("the keys are: {}", known.join(", ")),
    };
    problem(Code::UnknownKey.name(), format!("unknown key `{key}`"), Some(help))
}

/// Query parameters, checked against the names a route takes.
#[derive(Debug, Default)]
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses a raw query string. An unknown name is a 422 `unknown-key` with a suggestion,
    /// all of them at once.
    pub(crate) fn parse(raw: Option<&str>, known: &[&str]) -> Result<Self, ApiError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw.unwrap_or("")).map_err(|e| {
                ApiError::invalid("invalid-request", format!("invalid query string: {e}"), None)
            })?;
        let unknown: Vec<DetailedDiagnostic> = pairs
            .iter()
            .filter(|(k, _)| !known.contains(&k.as_str()))
            .map(|(k, _)| unknown_key(k, known))
            .collect();
        if !unknown.is_empty() {
            return Err(ApiError::Invalid(unknown));
        }
        Ok(Self { pairs })
    }

    /// The last value given for a name.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Today, read at the edge: the engine never reads the clock, the server does when a request
/// leaves the date out (as the CLI does).
pub(crate) fn today() -> Date {
    jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date()
}

/// A date as the CLI reads it (`YYYY-MM-DD`), today if absent. The message is the CLI's; the
/// help says what is wrong with the day.
pub(crate) fn parse_date(s: Option<&str>, field: &str) -> Result<Date, Box<DetailedDiagnostic>> {
    let Some(s) = s else { return Ok(today()) };
    s.trim().parse::<Date>().map_err(|e| {
        Box::new(problem(
            Code::InvalidDate.name(),
            format!("`{field}`: invalid date `{s}`: use YYYY-MM-DD"),
            Some(e.to_string()),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_are_invalid_dates() {
        let d = parse_date(Some("2026-13-01"), "date").unwrap_err();
        assert_eq!(d.code, "invalid-date");
        assert_eq!(d.message, "`date`: invalid date `2026-13-01`: use YYYY-MM-DD");
        assert!(d.help.unwrap().contains("month"));
        assert!(parse_date(Some("2026-02-29"), "date").is_err());
        assert_eq!(parse_date(Some("2024-02-29"), "date").unwrap().day(), 29);
    }

    #[test]
    fn unknown_query_names_get_a_suggestion() {
        let e = Params::parse(Some("dat=2020-01-01&lat=1"), &["date", "lat", "lon"]).unwrap_err();
        let d = e.diagnostics();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "unknown-key");
        assert_eq!(d[0].help.as_deref(), Some("did you mean `date`?"));
        let p = Params::parse(Some("date=1&date=2"), &["date"]).unwrap();
        assert_eq!(p.get("date"), Some("2"));
    }
}
