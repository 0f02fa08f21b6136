//! A row of any table as a JSON object and back, each column typed by the type its entity declares, so the
//! bundle, the restore and the move between SQLite and PostgreSQL share one conversion.

use super::TransferError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ColumnType, EntityTrait, IdenStatic, Iterable, ModelTrait, Value,
};
use serde_json::{Map, Value as Json};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// One row: column name → value.
pub(crate) type Row = Map<String, Json>;

const DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

/// The row of `model`, every column present (`null` when empty).
pub(crate) fn row_of<E: EntityTrait>(model: &E::Model) -> Result<Row, TransferError> {
    E::Column::iter()
        .map(|c| {
            let json = json_of(model.get(c)).ok_or_else(|| {
                TransferError::Unsupported(format!(
                    "{}.{} has a type the bundle cannot hold",
                    E::default().table_name(),
                    c.as_str()
                ))
            })?;
            Ok((c.as_str().to_owned(), json))
        })
        .collect()
}

fn json_of(v: Value) -> Option<Json> {
    Some(match v {
        Value::Bool(b) => b.map_or(Json::Null, Json::Bool),
        Value::SmallInt(i) => i.map_or(Json::Null, Json::from),
        Value::Int(i) => i.map_or(Json::Null, Json::from),
        Value::BigInt(i) => i.map_or(Json::Null, Json::from),
        Value::Double(f) => f
            .and_then(serde_json::Number::from_f64)
            .map_or(Json::Null, Json::Number),
        Value::String(s) => s.map_or(Json::Null, Json::String),
        Value::Bytes(b) => b.map_or(Json::Null, |b| Json::String(BASE64.encode(b))),
        Value::Json(j) => j.map_or(Json::Null, |j| *j),
        Value::TimeDate(d) => match d {
            Some(d) => Json::String(d.format(DATE).ok()?),
            None => Json::Null,
        },
        Value::TimeDateTimeWithTimeZone(t) => match t {
            Some(t) => Json::String(t.format(&Rfc3339).ok()?),
            None => Json::Null,
        },
        _ => return None,
    })
}

/// The active model for `row` of `E`'s table; `line` names the bundle line in errors. Every column must be
/// present and no other: a bundle from another schema is refused rather than half-read.
pub(crate) fn model_of<E: EntityTrait>(
    row: &Row,
    line: u64,
) -> Result<E::ActiveModel, TransferError>
where
    E::ActiveModel: ActiveModelTrait<Entity = E>,
{
    let table = E::default().table_name();
    let bad = |message: String| TransferError::Bundle { line, message };
    let columns: Vec<E::Column> = E::Column::iter().collect();
    if let Some(unknown) = row
        .keys()
        .find(|k| !columns.iter().any(|c| c.as_str() == k.as_str()))
    {
        return Err(bad(format!("{table} has no column “{unknown}”")));
    }
    let mut model = <E::ActiveModel as ActiveModelTrait>::default();
    for c in columns {
        let name = c.as_str();
        let json = row
            .get(name)
            .ok_or_else(|| bad(format!("{table}.{name} is missing")))?;
        let value = value_of(c.def().get_column_type(), json).map_err(|expected| {
            bad(format!("{table}.{name}: expected {expected}, found {json}"))
        })?;
        model
            .try_set(c, value)
            .map_err(|e| bad(format!("{table}.{name}: {e}")))?;
    }
    Ok(model)
}

/// The database value of `json` for a column of type `ty`; on failure, what was expected.
fn value_of(ty: &ColumnType, json: &Json) -> Result<Value, &'static str> {
    let null = json.is_null();
    let text = || json.as_str().ok_or("a string");
    Ok(match ty {
        ColumnType::String(_) | ColumnType::Text | ColumnType::Char(_) => {
            Value::String(if null { None } else { Some(text()?.to_owned()) })
        }
        ColumnType::SmallInteger => Value::SmallInt(if null {
            None
        } else {
            Some(
                json.as_i64()
                    .and_then(|i| i16::try_from(i).ok())
                    .ok_or("a small integer")?,
            )
        }),
        ColumnType::Integer => Value::Int(if null {
            None
        } else {
            Some(
                json.as_i64()
                    .and_then(|i| i32::try_from(i).ok())
                    .ok_or("an integer")?,
            )
        }),
        ColumnType::BigInteger => Value::BigInt(if null {
            None
        } else {
            Some(json.as_i64().ok_or("an integer")?)
        }),
        ColumnType::Double | ColumnType::Float => Value::Double(if null {
            None
        } else {
            Some(json.as_f64().ok_or("a number")?)
        }),
        ColumnType::Boolean => Value::Bool(if null {
            None
        } else {
            Some(json.as_bool().ok_or("true or false")?)
        }),
        ColumnType::Date => Value::TimeDate(if null {
            None
        } else {
            Some(time::Date::parse(text()?, DATE).map_err(|_| "a date YYYY-MM-DD")?)
        }),
        ColumnType::TimestampWithTimeZone => Value::TimeDateTimeWithTimeZone(if null {
            None
        } else {
            Some(
                time::OffsetDateTime::parse(text()?, &Rfc3339)
                    .map_err(|_| "an RFC 3339 timestamp")?,
            )
        }),
        ColumnType::Binary(_) | ColumnType::VarBinary(_) | ColumnType::Blob => {
            Value::Bytes(if null {
                None
            } else {
                Some(BASE64.decode(text()?).map_err(|_| "base64 bytes")?)
            })
        }
        ColumnType::Json | ColumnType::JsonBinary => Value::Json(if null {
            None
        } else {
            Some(Box::new(json.clone()))
        }),
        _ => return Err("a type this version cannot read"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{file, register_item};

    #[test]
    fn a_row_survives_the_trip_to_json_and_back() {
        let at = time::macros::datetime!(2026-11-29 10:15:30.123456 UTC);
        let m = file::Model {
            sha256: "ab".into(),
            media_type: "text/plain".into(),
            size: 3,
            content: vec![0, 1, 255],
            created_at: at,
        };
        let row = row_of::<file::Entity>(&m).unwrap();
        assert_eq!(row["content"], Json::String("AAH/".into()));
        assert_eq!(
            row["created_at"],
            Json::String("2026-11-29T10:15:30.123456Z".into())
        );
        let back = model_of::<file::Entity>(&row, 1).unwrap();
        assert_eq!(back.content.as_ref(), &vec![0, 1, 255]);
        assert_eq!(back.created_at.as_ref(), &at);
    }

    #[test]
    fn a_wrong_type_or_a_stray_column_names_the_line_and_the_column() {
        let mut row = Row::new();
        row.insert("sha256".into(), Json::String("ab".into()));
        row.insert("media_type".into(), Json::String("x".into()));
        row.insert("size".into(), Json::String("three".into()));
        row.insert("content".into(), Json::String(String::new()));
        row.insert(
            "created_at".into(),
            Json::String("2026-11-29T10:15:30Z".into()),
        );
        let e = model_of::<file::Entity>(&row, 7).unwrap_err().to_string();
        assert!(
            e.contains("line 7") && e.contains("files.size") && e.contains("an integer"),
            "{e}"
        );
        row.insert("size".into(), Json::from(0));
        row.insert("colour".into(), Json::from(0));
        let e = model_of::<file::Entity>(&row, 8).unwrap_err().to_string();
        assert!(e.contains("no column “colour”"), "{e}");
        row.remove("colour");
        row.remove("media_type");
        let e = model_of::<register_item::Entity>(&row, 9)
            .unwrap_err()
            .to_string();
        assert!(e.contains("register_items has no column"), "{e}");
        let e = model_of::<file::Entity>(&row, 9).unwrap_err().to_string();
        assert!(e.contains("files.media_type is missing"), "{e}");
    }
}
