//! The one error type of the API and its wire shape.
//!
//! Every error answer, whatever produced it (a handler, an extractor, the router's fallback,
//! the body limit, the time limit, the request limits), has the body
//! `{"errors": [DetailedDiagnostic, ...]}` ([`casus_core::diag::ErrorBody`]): the shape
//! `casus --error-format json` prints, with the engine's codes and the CLI's messages. The
//! codes are documented in `casus diagnostics`.
//!
//! Internal errors (a response that could not be serialized) are logged and answered 500
//! without details ("don't expose any details about the error to the client", axum's
//! `examples/error-handling`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use casus_core::diag::{Code, Diagnostic, Diagnostics, ErrorBody};

/// An input problem as a diagnostic naming the field it is in.
pub(crate) fn problem(
    code: Code,
    field: Option<&str>,
    message: impl Into<String>,
    help: Option<String>,
) -> Diagnostic {
    let d = Diagnostic::error(code, message).maybe_help(help);
    match field {
        Some(f) => d.on(f),
        None => d,
    }
}

/// Everything a request can fail with. Each variant maps to one status; all but `Internal`
/// carry the diagnostics sent to the client.
#[derive(Debug)]
pub enum ApiError {
    /// The body is not JSON, or the request is malformed (400).
    Syntax(Box<Diagnostic>),
    /// The request is well-formed but wrong: unknown codes, impossible dates, fields that do
    /// not exist (422). Every problem found, not only the first.
    Invalid(Vec<Diagnostic>),
    /// The path names nothing (404).
    NotFound(Box<Diagnostic>),
    /// The route exists, the method does not (405).
    MethodNotAllowed(Box<Diagnostic>),
    /// The request took too long (408).
    Timeout(Box<Diagnostic>),
    /// The body is over the size limit (413).
    TooLarge(Box<Diagnostic>),
    /// The request line is too long (414).
    UriTooLong(Box<Diagnostic>),
    /// The body is not sent as JSON (415).
    UnsupportedMediaType(Box<Diagnostic>),
    /// The headers are too large (431).
    HeadersTooLarge(Box<Diagnostic>),
    /// Too much expensive work is running or waiting (503, with `Retry-After`).
    Busy(Box<Diagnostic>),
    /// A bug: logged, answered 500 without details.
    Internal(String),
}

impl ApiError {
    /// One 422 problem.
    pub(crate) fn invalid(
        code: Code,
        field: Option<&str>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        ApiError::Invalid(vec![problem(code, field, message, help)])
    }

    /// Every problem of a check, as a 422.
    pub(crate) fn from_diagnostics(diags: Diagnostics) -> Self {
        ApiError::Invalid(diags.into_iter().collect())
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
            ApiError::UriTooLong(_) => StatusCode::URI_TOO_LONG,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::HeadersTooLarge(_) => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            ApiError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The error a bare status stands for, for answers produced outside the handlers (the
    /// router's 404 and 405, tower-http's 408 and 413): see [`crate::app`].
    pub(crate) fn from_status(status: StatusCode) -> Self {
        let p = |code: Code, message: &str, help: Option<&str>| {
            problem(code, None, message, help.map(str::to_owned))
        };
        match status {
            StatusCode::NOT_FOUND => {
                ApiError::NotFound(p(Code::NotFound, "no route answers to this path", None).into())
            }
            StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed(
                p(
                    Code::MethodNotAllowed,
                    "this route does not answer to this method",
                    Some("see /v1/openapi.json for the methods each route takes"),
                )
                .into(),
            ),
            StatusCode::REQUEST_TIMEOUT => ApiError::Timeout(
                p(
                    Code::Timeout,
                    "the request took longer than the time limit; its work was stopped",
                    None,
                )
                .into(),
            ),
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge(too_large().into()),
            StatusCode::URI_TOO_LONG => ApiError::UriTooLong(
                p(
                    Code::BadHttp,
                    "the request line is too long",
                    Some("send the input as a JSON body"),
                )
                .into(),
            ),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType(
                p(
                    Code::UnsupportedMediaType,
                    "the body must be JSON",
                    Some("send `Content-Type: application/json` and an uncompressed UTF-8 body"),
                )
                .into(),
            ),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => ApiError::HeadersTooLarge(
                p(Code::BadHttp, "the request's headers are too large or too many", None).into(),
            ),
            StatusCode::SERVICE_UNAVAILABLE => ApiError::Busy(busy().into()),
            s if s.is_client_error() => ApiError::Syntax(
                p(Code::BadHttp, &format!("the request was refused ({s})"), None).into(),
            ),
            s => ApiError::Internal(format!("bare {s} response")),
        }
    }

    /// The diagnostics sent to the client.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            ApiError::Invalid(v) => v,
            ApiError::Syntax(d)
            | ApiError::NotFound(d)
            | ApiError::MethodNotAllowed(d)
            | ApiError::Timeout(d)
            | ApiError::TooLarge(d)
            | ApiError::UriTooLong(d)
            | ApiError::UnsupportedMediaType(d)
            | ApiError::HeadersTooLarge(d)
            | ApiError::Busy(d) => std::slice::from_ref(&**d),
            ApiError::Internal(_) => &[],
        }
    }
}

pub(crate) fn too_large() -> Diagnostic {
    problem(
        Code::BodyTooLarge,
        None,
        format!("the body is larger than {} KiB", crate::BODY_LIMIT / 1024),
        Some("a request is a few hundred bytes: one event, or a scenario of a few".to_owned()),
    )
}

pub(crate) fn busy() -> Diagnostic {
    problem(
        Code::Busy,
        None,
        "too many cascades and simulations are running or waiting",
        Some(format!("try again in {} second(s)", crate::RETRY_AFTER_SECS)),
    )
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match &self {
            ApiError::Internal(detail) => {
                // Logged for the operator, never sent: the client gets a generic message.
                eprintln!("casus-server: internal error: {detail}");
                let generic = [problem(Code::Internal, None, "internal error", None)];
                serde_json::to_vec(&ErrorBody::new(generic.iter()))
            }
            e => serde_json::to_vec(&ErrorBody::new(e.diagnostics())),
        };
        // Serializing strings cannot fail; the fallback keeps the shape if it ever did.
        let body = body.unwrap_or_else(|_| br#"{"errors":[]}"#.to_vec());
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if status == StatusCode::SERVICE_UNAVAILABLE {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(crate::RETRY_AFTER_SECS));
        }
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
            StatusCode::URI_TOO_LONG,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            StatusCode::SERVICE_UNAVAILABLE,
            StatusCode::IM_A_TEAPOT,
        ] {
            let e = ApiError::from_status(s);
            let want = if s == StatusCode::IM_A_TEAPOT { StatusCode::BAD_REQUEST } else { s };
            assert_eq!(e.status(), want);
            assert_eq!(e.diagnostics().len(), 1);
        }
        assert_eq!(ApiError::from_status(StatusCode::BAD_GATEWAY).status(), 500);
    }
}
