//! The one error type of the API and its wire shape.
//!
//! Every 4xx answer, whatever produced it (a handler, an extractor, the router's fallback, the
//! body limit or the timeout), has the body `{"errors": [DetailedDiagnostic, ...]}`, where each
//! item is [`casus_core::diag::DetailedDiagnostic`]: the JSON form `casus validate
//! --error-format json` prints. Input problems use the engine's codes where it has one
//! (`unknown-state`, `invalid-date`, `unknown-region`, `invalid-coordinates`, `unknown-key`,
//! `invalid-value`, `unknown-fact`) and the codes of [`SERVER_CODES`] otherwise, with the same
//! message and "did you mean" help line the CLI prints.
//!
//! Internal errors (a response that could not be serialized) are logged and answered 500
//! without details ("don't expose any details about the error to the client", axum's
//! `examples/error-handling`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use casus_core::diag::{DetailedDiagnostic, Severity};

/// The codes the server adds to the engine's ([`casus_core::diag::CODES`]), with what each
/// means. Listed in the OpenAPI document.
pub const SERVER_CODES: &[(&str, &str)] = &[
    ("malformed-json", "the body is not JSON (400)"),
    ("invalid-request", "the JSON does not have the shape the endpoint takes (422)"),
    ("unsupported-media-type", "the body is sent as something other than JSON (415)"),
    ("body-too-large", "the body is larger than the limit, 64 KiB (413)"),
    ("unknown-treaty", "no treaty has this id (422 in a body, 404 in a path)"),
    ("unknown-variant", "the proposal has no such variant (422)"),
    ("unknown-scenario", "no bundled scenario has this id (422)"),
    ("conflicting-values", "two fields that exclude each other are both given (422)"),
    ("too-many-values", "a list or a string is longer than the API accepts (422)"),
    ("not-found", "no route answers to this path (404)"),
    ("method-not-allowed", "the route does not answer to this method (405)"),
    ("timeout", "the request took longer than the time limit (408)"),
];

/// An input problem as a diagnostic: one of the engine's codes or one of [`SERVER_CODES`].
pub(crate) fn problem(
    code: &'static str,
    message: impl Into<String>,
    help: Option<String>,
) -> DetailedDiagnostic {
    DetailedDiagnostic {
        code,
        severity: Severity::Error,
        message: message.into(),
        help,
        location: None,
        related: Vec::new(),
    }
}

/// Everything a request can fail with. Each variant maps to one status; all but `Internal`
/// carry the diagnostics sent to the client.
#[derive(Debug)]
pub enum ApiError {
    /// The body is not JSON (400).
    Syntax(Box<DetailedDiagnostic>),
    /// The request is well-formed but wrong: unknown codes, impossible dates, fields that do
    /// not exist (422). Every problem found, not only the first.
    Invalid(Vec<DetailedDiagnostic>),
    /// The path names nothing (404).
    NotFound(Box<DetailedDiagnostic>),
    /// The route exists, the method does not (405).
    MethodNotAllowed(Box<DetailedDiagnostic>),
    /// The request took too long (408).
    Timeout(Box<DetailedDiagnostic>),
    /// The body is over the size limit (413).
    TooLarge(Box<DetailedDiagnostic>),
    /// The body is not sent as JSON (415).
    UnsupportedMediaType(Box<DetailedDiagnostic>),
    /// A bug: logged, answered 500 without details.
    Internal(String),
}

impl ApiError {
    /// One 422 problem.
    pub(crate) fn invalid(
        code: &'static str,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        ApiError::Invalid(vec![problem(code, message, help)])
    }

    /// The status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Syntax(_) => StatusCode::BAD_REQUEST,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Timeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The error a bare status stands for, for answers produced outside the handlers (the
    /// router's 405, tower-http's 408 and 413): see [`crate::app`].
    pub(crate) fn from_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => ApiError::NotFound(
                problem("not-found", "no route answers to this path", None).into(),
            ),
            StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed(
                problem(
                    "method-not-allowed",
                    "this route does not answer to this method",
                    Some("see /v1/openapi.json for the methods each route takes".to_owned()),
                )
                .into(),
            ),
            StatusCode::REQUEST_TIMEOUT => ApiError::Timeout(
                problem("timeout", "the request took longer than the time limit", None).into(),
            ),
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge(too_large().into()),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType(
                problem(
                    "unsupported-media-type",
                    "the body must be JSON",
                    Some("send `Content-Type: application/json`".to_owned()),
                )
                .into(),
            ),
            s if s.is_client_error() => ApiError::Syntax(
                problem("invalid-request", format!("the request was refused ({s})"), None).into(),
            ),
            s => ApiError::Internal(format!("bare {s} response")),
        }
    }

    /// The diagnostics sent to the client.
    pub fn diagnostics(&self) -> &[DetailedDiagnostic] {
        match self {
            ApiError::Invalid(v) => v,
            ApiError::Syntax(d)
            | ApiError::NotFound(d)
            | ApiError::MethodNotAllowed(d)
            | ApiError::Timeout(d)
            | ApiError::TooLarge(d)
            | ApiError::UnsupportedMediaType(d) => std::slice::from_ref(&**d),
            ApiError::Internal(_) => &[],
        }
    }
}

pub(crate) fn too_large() -> DetailedDiagnostic {
    problem(
        "body-too-large",
        format!("the body is larger than {} KiB", crate::BODY_LIMIT / 1024),
        Some("a check request is a few hundred bytes; send one event per request".to_owned()),
    )
}

/// The wire shape of every error: `{"errors": [...]}`.
#[derive(serde::Serialize)]
struct ErrorBody<'a> {
    errors: &'a [DetailedDiagnostic],
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match &self {
            ApiError::Internal(detail) => {
                // Logged for the operator, never sent: the client gets a generic message.
                eprintln!("casus-server: internal error: {detail}");
                let generic = [problem("internal", "internal error", None)];
                serde_json::to_vec(&ErrorBody { errors: &generic })
            }
            e => serde_json::to_vec(&ErrorBody { errors: e.diagnostics() }),
        };
        // Serializing strings cannot fail; the fallback keeps the shape if it ever did.
        let body = body.unwrap_or_else(|_| br#"{"errors":[]}"#.to_vec());
        let mut response = (status, body).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_its_status_and_a_code() {
        for s in [
            StatusCode::NOT_FOUND,
            StatusCode::METHOD_NOT_ALLOWED,
            StatusCode::REQUEST_TIMEOUT,
            StatusCode::PAYLOAD_TOO_LARGE,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            StatusCode::IM_A_TEAPOT,
        ] {
            let e = ApiError::from_status(s);
            assert!(e.status().is_client_error());
            let code = e.diagnostics()[0].code;
            assert!(SERVER_CODES.iter().any(|(c, _)| *c == code), "{code}");
        }
        assert_eq!(ApiError::from_status(StatusCode::BAD_GATEWAY).status(), 500);
    }
}
