//! Keyset paging for lists: a page asks for rows after a cursor and says where the next page starts.

use serde::Serialize;

/// Which rows of a list to return.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// The cursor returned as `next` by the previous page.
    pub after: Option<String>,
    /// How many rows at most (1 to 500; 50 when not given).
    pub limit: Option<u64>,
}

impl Page {
    /// The first `limit` rows.
    pub fn first(limit: u64) -> Self {
        Page {
            after: None,
            limit: Some(limit),
        }
    }

    pub(crate) fn size(&self) -> u64 {
        self.limit.unwrap_or(50).clamp(1, 500)
    }
}

/// One page of a list.
#[derive(Clone, Debug, Serialize)]
pub struct Paged<T> {
    /// The rows.
    pub items: Vec<T>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
}

/// A cursor for lists ordered by a name and then the id: the hex of the name, a dot, the id.
pub(crate) fn name_cursor(name: &str, id: &str) -> String {
    format!("{}.{id}", hex::encode(name.as_bytes()))
}

/// Reads a cursor made by `name_cursor`; `None` for anything else (a client's typo restarts the list).
pub(crate) fn parse_name_cursor(cursor: &str) -> Option<(String, String)> {
    let (name, id) = cursor.split_once('.')?;
    let name = String::from_utf8(hex::decode(name).ok()?).ok()?;
    Some((name, id.to_owned()))
}

/// Cuts a fetched page of `size + 1` rows to `size` and computes `next` from the last row kept.
pub(crate) fn finish<T, R>(
    mut rows: Vec<R>,
    size: u64,
    cursor: impl Fn(&R) -> String,
    view: impl FnMut(R) -> T,
) -> Paged<T> {
    let more = rows.len() as u64 > size;
    rows.truncate(size as usize);
    let next = if more { rows.last().map(&cursor) } else { None };
    Paged {
        items: rows.into_iter().map(view).collect(),
        next,
    }
}

/// Keyset paging by a name column and then the id: the rows after the cursor, in that order, one more than
/// the page so `finish` can tell whether another page follows.
pub(crate) fn by_name<E>(
    mut q: sea_orm::Select<E>,
    name: E::Column,
    id: E::Column,
    page: &Page,
) -> sea_orm::Select<E>
where
    E: sea_orm::EntityTrait,
{
    use sea_orm::sea_query::Condition;
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
    if let Some((after_name, after_id)) = page.after.as_deref().and_then(parse_name_cursor) {
        q = q.filter(
            Condition::any().add(name.gt(after_name.clone())).add(
                Condition::all()
                    .add(name.eq(after_name))
                    .add(id.gt(after_id)),
            ),
        );
    }
    q.order_by_asc(name).order_by_asc(id).limit(page.size() + 1)
}

/// A cursor for lists ordered by a time and then the id: RFC 3339, a bar, the id.
pub(crate) fn time_cursor(at: time::OffsetDateTime, id: &str) -> String {
    format!("{}|{id}", corridor_core::dates::format_rfc3339(at))
}

/// Reads a cursor made by `time_cursor`.
pub(crate) fn parse_time_cursor(cursor: &str) -> Option<(time::OffsetDateTime, String)> {
    let (at, id) = cursor.split_once('|')?;
    let at =
        time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).ok()?;
    Some((at, id.to_owned()))
}
