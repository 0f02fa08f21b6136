//! `/search`: one box over everything the viewer may see, with facets to narrow by area, body, party,
//! status and year, and passages with the matched words marked. The API's `/api/v1/search` runs the same
//! search.

use super::{Layout, render};
use crate::AppState;
use crate::api::search::{PER_PAGE, SearchQuery, run};
use crate::error::PageError;
use crate::extract::MaybeUser;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use corridor_core::language::Language;
use corridor_core::search::{Area, FacetCount, Hit, Results};

/// One facet's values as links that narrow the search, or widen it again.
struct FacetGroup {
    name: String,
    values: Vec<(FacetCount, String, bool)>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    layout: Layout,
    q: String,
    areas: Vec<(&'static str, String, bool)>,
    problem: Option<String>,
    results: Results,
    groups: Vec<FacetGroup>,
    /// Applied filters as links that remove them.
    chosen: Vec<(String, String)>,
    prev_href: Option<String>,
    next_href: Option<String>,
    first: usize,
}

impl SearchPage {
    fn shown(&self) -> String {
        let last = self.first + self.results.hits.len().saturating_sub(1);
        self.layout
            .tr
            .t2("search-shown", ("from", self.first), ("to", last))
    }

    /// The hit's title in the viewer's language when written in it, else in English.
    fn main<'a>(&self, h: &'a Hit) -> (&'static str, &'a str) {
        let lang = self.layout.tr.0;
        match lang {
            Language::Zh if h.title.zh.is_some() => ("zh", h.title.get(lang)),
            Language::Ur if h.title.ur.is_some() => ("ur", h.title.get(lang)),
            _ => ("en", &h.title.en),
        }
    }

    /// The hit's other versions of its title: (language, text, direction).
    fn others<'a>(&self, h: &'a Hit) -> Vec<(&'static str, &'a str, &'static str)> {
        let shown = self.main(h).0;
        [
            ("en", Some(h.title.en.as_str()), "ltr"),
            ("zh", h.title.zh.as_deref(), "ltr"),
            ("ur", h.title.ur.as_deref(), "rtl"),
        ]
        .into_iter()
        .filter_map(|(code, t, dir)| t.filter(|_| code != shown).map(|t| (code, t, dir)))
        .collect()
    }
}

/// The query string for `q` with `key` set to `value` (or removed), back to page 1.
fn href(q: &SearchQuery, key: &str, value: Option<&str>) -> String {
    let mut q = q.clone();
    q.page = None;
    let slot = match key {
        "area" => &mut q.area,
        "body" => &mut q.body,
        "party" => &mut q.party,
        "status" => &mut q.status,
        "year" => &mut q.year,
        _ => &mut q.page,
    };
    *slot = value.map(str::to_owned);
    with_page(&q, None)
}

fn with_page(q: &SearchQuery, page: Option<usize>) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    for (k, v) in [
        ("q", &q.q),
        ("area", &q.area),
        ("body", &q.body),
        ("party", &q.party),
        ("status", &q.status),
        ("year", &q.year),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            pairs.push((k, v.to_owned()));
        }
    }
    if let Some(p) = page {
        pairs.push(("page", p.to_string()));
    }
    format!(
        "/search?{}",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    )
}

async fn search(
    State(s): State<AppState>,
    user: MaybeUser,
    Query(q): Query<SearchQuery>,
) -> Result<Response, PageError> {
    let tr = crate::i18n::Tr::current();
    let layout = Layout::new(&s, user.0.as_ref(), tr.t("search-title")).await;
    let (results, problem, page) = match q.parse() {
        Ok((words, filters, page)) => (
            run(&s, &user.viewer(), &words, &filters, page).await?,
            None,
            page,
        ),
        Err(e) => {
            let text =
                e.0.iter()
                    .map(|f| format!("{}: {}", f.field, f.message))
                    .collect::<Vec<_>>()
                    .join("; ");
            (Results::default(), Some(text), 1)
        }
    };
    let current = |key: &str| match key {
        "area" => q.area.clone(),
        "body" => q.body.clone(),
        "party" => q.party.clone(),
        "status" => q.status.clone(),
        _ => q.year.clone(),
    };
    let f = &results.facets;
    let mut groups = Vec::new();
    let mut chosen = Vec::new();
    for (key, list) in [
        ("area", &f.area),
        ("body", &f.body),
        ("party", &f.party),
        ("status", &f.status),
        ("year", &f.year),
    ] {
        let name = tr.t(&format!("facet-{key}"));
        let on = current(key).filter(|v| !v.trim().is_empty());
        if let Some(v) = &on {
            let label = list
                .iter()
                .find(|c| &c.value == v)
                .map_or(v.clone(), |c| c.label.clone());
            chosen.push((format!("{name}: {label}"), href(&q, key, None)));
        }
        let values = list
            .iter()
            .map(|c| {
                let mut c = c.clone();
                if key == "area" {
                    c.label = tr.t(&format!("area-{}", c.value));
                }
                let selected = on.as_deref() == Some(c.value.as_str());
                let link = href(&q, key, if selected { None } else { Some(&c.value) });
                (c, link, selected)
            })
            .collect::<Vec<_>>();
        if !values.is_empty() {
            groups.push(FacetGroup { name, values });
        }
    }
    let total = usize::try_from(results.total).unwrap_or(usize::MAX);
    let page_html = SearchPage {
        layout,
        q: q.q.clone().unwrap_or_default(),
        areas: Area::ALL
            .iter()
            .map(|a| {
                (
                    a.as_str(),
                    tr.t(&format!("area-{}", a.as_str())),
                    q.area.as_deref() == Some(a.as_str()),
                )
            })
            .collect(),
        problem,
        groups,
        chosen,
        prev_href: (page > 1).then(|| with_page(&q, Some(page - 1))),
        next_href: (page * PER_PAGE < total).then(|| with_page(&q, Some(page + 1))),
        first: (page - 1) * PER_PAGE + 1,
        results,
    };
    Ok(render(&page_html))
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/search", get(search))
}
