//! The index's fields.

use crate::analyzer;
use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Bumped whenever the fields or the analyzer change: an index of another version is rebuilt.
pub const VERSION: u32 = 1;

/// The fields, by role.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// `entity:id`, the unit of replacement.
    pub key: Field,
    /// The record kind.
    pub entity: Field,
    /// The record id.
    pub id: Field,
    /// How a list names the kind.
    pub kind: Field,
    /// The area.
    pub area: Field,
    /// Every language of the title, searched.
    pub title: Field,
    /// The English, Chinese and Urdu titles as written, for display.
    pub title_en: Field,
    /// Stored Chinese title.
    pub title_zh: Field,
    /// Stored Urdu title.
    pub title_ur: Field,
    /// The text, searched and stored for snippets.
    pub text: Field,
    /// The page.
    pub link: Field,
    /// `/area/…`, `/body/…`, `/party/…`, `/status/…`, `/year/…`.
    pub facets: Field,
    /// `public`, `shared`, `party` or `restricted`.
    pub visibility: Field,
    /// The owner party's id.
    pub owner: Field,
}

/// The schema and its fields.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let searched = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let words = searched.clone().set_stored();
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        entity: b.add_text_field("entity", STRING | STORED),
        id: b.add_text_field("id", STORED),
        kind: b.add_text_field("kind", STORED),
        area: b.add_text_field("area", STRING | STORED),
        title: b.add_text_field("title", searched),
        title_en: b.add_text_field("title_en", STORED),
        title_zh: b.add_text_field("title_zh", STORED),
        title_ur: b.add_text_field("title_ur", STORED),
        text: b.add_text_field("text", words),
        link: b.add_text_field("link", STORED),
        facets: b.add_facet_field("facets", FacetOptions::default()),
        visibility: b.add_text_field("visibility", STRING),
        owner: b.add_text_field("owner", STRING),
    };
    (b.build(), fields)
}
