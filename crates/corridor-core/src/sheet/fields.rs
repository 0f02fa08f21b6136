//! What every kind's round trip does with a row's text columns: take the file's value where the file has the
//! column, keep the stored one where it does not, and list what changed.

use super::SheetRow;

/// The row's value of `column` when the file has that column (`None` for an empty cell), else `old`.
pub fn keep_or(row: &SheetRow, column: &str, old: Option<String>) -> Option<String> {
    if row.get(column).is_some() {
        row.input(column)
    } else {
        old
    }
}

/// `(column, before, after)` for each pair whose trimmed values differ; a missing value reads as empty.
pub fn differences<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a Option<String>, &'a Option<String>)>,
) -> Vec<(String, String, String)> {
    pairs
        .into_iter()
        .map(|(c, b, a)| {
            (
                c,
                b.clone().unwrap_or_default(),
                a.clone().unwrap_or_default(),
            )
        })
        .filter(|(_, b, a)| b.trim() != a.trim())
        .map(|(c, b, a)| (c.to_owned(), b, a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absent_column_keeps_the_stored_value_and_an_empty_cell_clears_it() {
        let mut row = SheetRow {
            row: 2,
            id: None,
            version: None,
            values: Default::default(),
        };
        row.values.insert("website", String::new());
        assert_eq!(keep_or(&row, "website", Some("https://a".into())), None);
        assert_eq!(
            keep_or(&row, "short_name", Some("BoI".into())).as_deref(),
            Some("BoI")
        );
        let (old, new) = (Some("BoI ".to_owned()), Some("BoI".to_owned()));
        let (gone, none) = (Some("x".to_owned()), None);
        assert_eq!(
            differences([("short_name", &old, &new), ("website", &gone, &none)]),
            [("website".to_owned(), "x".to_owned(), String::new())]
        );
    }
}
