//! Extractors: who is asking (session cookie or bearer token), forms checked against the session's CSRF
//! token, and JSON and query strings parsed with errors that name the field.

mod body;
mod user;

pub(crate) use body::{ApiJson, ApiQuery, CsrfForm, same};
pub(crate) use user::{
    CurrentUser, LOGIN_CSRF_COOKIE, MaybeUser, SESSION_COOKIE, SignedIn, cookie, session_cookie,
};
