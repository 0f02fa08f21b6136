//! Validation errors that name the field at fault, shared by forms, the JSON API, imports and the CLI.

use serde::Serialize;
use std::fmt;

/// One problem with one input field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The input field's name as the client sent it (`name`, `parent_id`, `restricted_to`…).
    pub field: String,
    /// What is wrong and, where it helps, what would be right.
    pub message: String,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Every problem found in one input; never empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// A single problem.
    pub fn one(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self(vec![FieldError::new(field, message)])
    }

    /// The first problem, which API responses report in their `field` and `message`.
    pub fn first(&self) -> Option<&FieldError> {
        self.0.first()
    }

    /// The message for `field`, if it has one (forms show it beside the input).
    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}

/// Collects field problems while an input is parsed, so that a form shows all of them at once.
#[derive(Default)]
pub struct Collector(Vec<FieldError>);

impl Collector {
    /// Keeps the value of a successful parse, records the problem of a failed one.
    pub fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    /// Records a problem found by a rule that spans fields.
    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Ends the parse: the built value when nothing was wrong.
    pub fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, ValidationErrors> {
        if self.0.is_empty() {
            build().ok_or_else(|| ValidationErrors::one("input", "incomplete input"))
        } else {
            Err(ValidationErrors(self.0))
        }
    }
}
