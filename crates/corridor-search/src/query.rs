//! A search: the words parsed with the query analyzer, narrowed to the viewer's scope and the chosen
//! facets inside the index, scored, counted by facet and cut into a page with highlighted passages.

use crate::{SearchError, SearchIndex};
use corridor_core::search::{Area, FacetCount, Facets, Filters, Hit, Results, Scope, Titles};
use tantivy::collector::{Count, FacetCollector, FacetCounts, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, Occur, Query, QueryParser, TermQuery, TermSetQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption, TantivyDocument, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, Term};

/// One search.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The words as typed. Quotes make a phrase, `-` excludes a word; every other word must appear.
    pub query: &'a str,
    /// The narrowing chosen.
    pub filters: &'a Filters,
    /// What the viewer may see.
    pub scope: &'a Scope,
    /// Results to skip.
    pub offset: usize,
    /// Results to return.
    pub limit: usize,
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn all(parts: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        parts.into_iter().map(|q| (Occur::Must, q)).collect(),
    ))
}

fn keys(field: Field, keys: &[String]) -> Box<dyn Query> {
    if keys.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(TermSetQuery::new(
        keys.iter().map(|k| Term::from_field_text(field, k)),
    ))
}

fn facet(field: Field, path: [&str; 2]) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_facet(field, &Facet::from_path(path)),
        IndexRecordOption::Basic,
    ))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The first words of `s`, escaped, as a passage without highlights.
fn opening(s: &str) -> String {
    let cut: String = s.chars().take(180).collect();
    let more = if cut.len() < s.len() { "…" } else { "" };
    format!("{}{more}", escape(cut.trim()))
}

impl SearchIndex {
    /// The visibility rule of `corridor_core::visibility::can_see` over the index's fields.
    fn scope_query(&self, scope: &Scope) -> Box<dyn Query> {
        let f = &self.fields;
        match scope {
            Scope::All => Box::new(AllQuery),
            Scope::Public => term(f.visibility, "public"),
            Scope::User {
                party_id,
                member,
                granted,
                named,
            } => {
                let shared = if *member {
                    term(f.visibility, "shared")
                } else {
                    all(vec![term(f.visibility, "shared"), keys(f.key, granted)])
                };
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, term(f.visibility, "public")),
                    (Occur::Should, shared),
                    (
                        Occur::Should,
                        all(vec![term(f.visibility, "party"), term(f.owner, party_id)]),
                    ),
                    (
                        Occur::Should,
                        all(vec![term(f.visibility, "restricted"), keys(f.key, named)]),
                    ),
                ]))
            }
        }
    }

    fn words(&self, text: &str) -> Box<dyn Query> {
        let f = &self.fields;
        let mut parser = QueryParser::new(
            self.index.schema(),
            vec![f.title, f.text],
            self.queries.clone(),
        );
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, 3.0);
        // Field names typed by a user (`visibility:party`) would only narrow further inside the scope;
        // what cannot be parsed is searched as plain words.
        let (q, _unparsed) = parser.parse_query_lenient(text);
        q
    }

    /// Runs `req`. An empty query finds nothing.
    pub fn search(&self, req: &Request<'_>) -> Result<Results, SearchError> {
        let f = self.fields;
        if req.query.trim().is_empty() {
            return Ok(Results::default());
        }
        let words = self.words(req.query);
        let mut parts = vec![words.box_clone(), self.scope_query(req.scope)];
        let fl = req.filters;
        if let Some(a) = fl.area {
            parts.push(facet(f.facets, ["area", a.as_str()]));
        }
        for (name, value) in [
            ("body", &fl.body),
            ("party", &fl.party),
            ("status", &fl.status),
        ] {
            if let Some(v) = value {
                parts.push(facet(f.facets, [name, v.as_str()]));
            }
        }
        if let Some(y) = fl.year {
            parts.push(facet(f.facets, ["year", &y.to_string()]));
        }
        let query = all(parts);
        let searcher = self.reader.searcher();
        let mut facets = FacetCollector::for_field("facets");
        for root in ["/area", "/body", "/party", "/status", "/year"] {
            facets.add_facet(root);
        }
        let top = TopDocs::with_limit(req.limit.max(1))
            .and_offset(req.offset)
            .order_by_score();
        let (top, total, counts) = searcher.search(&query, &(top, Count, facets))?;
        let mut text_snippets = SnippetGenerator::create(&searcher, &*words, f.text)?;
        text_snippets.set_max_num_chars(220);
        let title_snippets = SnippetGenerator::create(&searcher, &*words, f.title)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top.into_iter().take(req.limit) {
            hits.push(self.hit(&searcher, addr, score, &text_snippets, &title_snippets)?);
        }
        Ok(Results {
            total: total as u64,
            hits,
            facets: facet_counts(&counts),
        })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        score: f32,
        text_snippets: &SnippetGenerator,
        title_snippets: &SnippetGenerator,
    ) -> Result<Hit, SearchError> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let get = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let opt = |field: Field| Some(get(field)).filter(|s| !s.is_empty());
        let title = Titles {
            en: get(f.title_en),
            zh: opt(f.title_zh),
            ur: opt(f.title_ur),
        };
        // A passage is a courtesy: should the highlighter ever fail on odd text, the hit shows its
        // opening words instead of failing the search.
        let snippet = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            text_snippets.snippet_from_doc(&doc)
        }))
        .unwrap_or_else(|_| tantivy::snippet::Snippet::empty());
        let snippet = if snippet.is_empty() {
            let titles = [
                Some(title.en.as_str()),
                title.zh.as_deref(),
                title.ur.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            let s = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                title_snippets.snippet(&titles)
            }))
            .unwrap_or_else(|_| tantivy::snippet::Snippet::empty());
            if s.is_empty() {
                opening(&get(f.text))
            } else {
                s.to_html()
            }
        } else {
            snippet.to_html()
        };
        Ok(Hit {
            entity: get(f.entity),
            id: get(f.id),
            kind: get(f.kind),
            area: get(f.area).parse().unwrap_or(Area::Directory),
            title,
            link: get(f.link),
            snippet,
            score,
        })
    }
}

fn facet_counts(counts: &FacetCounts) -> Facets {
    let list = |root: &str| -> Vec<FacetCount> {
        let mut v: Vec<FacetCount> = counts
            .get(root)
            .map(|(facet, count)| {
                let value = facet
                    .to_path()
                    .last()
                    .map(|s| (*s).to_owned())
                    .unwrap_or_default();
                FacetCount {
                    label: value.clone(),
                    value,
                    count,
                }
            })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        v
    };
    let mut area = list("/area");
    for a in &mut area {
        if let Ok(x) = a.value.parse::<Area>() {
            x.label().clone_into(&mut a.label);
        }
    }
    let mut year = list("/year");
    year.sort_by(|a, b| b.value.cmp(&a.value));
    Facets {
        area,
        body: list("/body"),
        party: list("/party"),
        status: list("/status"),
        year,
    }
}

impl SearchIndex {
    /// The benchmark's baseline: the words alone, parsed the same way, top `limit` by score; no scope,
    /// facets, stored fields or passages. Answers how many documents matched the top.
    pub fn bare_query(&self, text: &str, limit: usize) -> Result<usize, SearchError> {
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &*self.words(text),
            &TopDocs::with_limit(limit).order_by_score(),
        )?;
        Ok(top.len())
    }
}
