//! The interface's own words in English, Simplified Chinese and Urdu: Fluent messages in
//! `locales/{en,zh,ur}/*.ftl`, embedded at build time, with CLDR plural rules and, in Urdu, the placeables
//! wrapped in bidi isolates so a name or number keeps its order. Records' own texts in several
//! languages are data, not messages.
//!
//! Each request's language comes from the `corridor_lang` cookie (set by the switcher on every page, and at
//! sign-in from the account's choice), else the browser's `Accept-Language`, else English. A middleware
//! keeps it for the request, so every page frame reads it without threading it through each handler.

use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use corridor_core::language::Language;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolates around arguments matter where a left-to-right name or number sits in right-to-left
        // text; in English and Chinese they would only be invisible noise (in attributes, too).
        customise: |bundle| {
            let rtl = bundle.locales.first().is_some_and(|l| l.language.as_str() == "ur");
            bundle.set_use_isolating(rtl);
        },
    };
}

/// The cookie that holds a browser's choice.
pub(crate) const COOKIE: &str = "corridor_lang";

/// A number to choose a plural form by; templates hand over references.
pub(crate) trait Count {
    /// The number.
    fn count(&self) -> u64;
}

impl Count for u64 {
    fn count(&self) -> u64 {
        *self
    }
}

impl Count for usize {
    fn count(&self) -> u64 {
        u64::try_from(*self).unwrap_or(u64::MAX)
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> u64 {
        (**self).count()
    }
}

/// The `Set-Cookie` value that remembers `lang` in this browser for a year.
pub(crate) fn cookie(lang: Language) -> String {
    format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    )
}

tokio::task_local! {
    static CURRENT: Language;
}

/// The language of the request being answered; English outside one.
pub(crate) fn current() -> Language {
    CURRENT.try_with(|l| *l).unwrap_or(Language::En)
}

/// Translates the interface into one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tr(pub Language);

fn langid(lang: Language) -> LanguageIdentifier {
    lang.code().parse().unwrap_or_default()
}

/// The message, falling back to English, then to its id (which the tests forbid), never failing a page.
fn lookup(
    lang: Language,
    key: &str,
    args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>,
) -> String {
    LOCALES
        .try_lookup_complete(&langid(lang), key, args)
        .unwrap_or_else(|| key.to_owned())
}

impl Tr {
    /// The request's language.
    pub(crate) fn current() -> Tr {
        Tr(current())
    }

    /// The message `key`.
    pub(crate) fn t(&self, key: &str) -> String {
        lookup(self.0, key, None)
    }

    /// The message `key` with one argument.
    pub(crate) fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        args.insert(Cow::Borrowed(name), FluentValue::from(value.to_string()));
        lookup(self.0, key, Some(&args))
    }

    /// The message `key` with text arguments (numbers as numbers), for checking every message whole.
    #[cfg(test)]
    pub(crate) fn with(&self, key: &str, values: &[(&'static str, &str)]) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        for (name, value) in values {
            let v = match value.parse::<f64>() {
                Ok(n) => FluentValue::from(n),
                Err(_) => FluentValue::from((*value).to_owned()),
            };
            args.insert(Cow::Borrowed(*name), v);
        }
        lookup(self.0, key, Some(&args))
    }

    /// The message `key` with two arguments.
    pub(crate) fn t2(
        &self,
        key: &str,
        a: (&'static str, impl ToString),
        b: (&'static str, impl ToString),
    ) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        args.insert(Cow::Borrowed(a.0), FluentValue::from(a.1.to_string()));
        args.insert(Cow::Borrowed(b.0), FluentValue::from(b.1.to_string()));
        lookup(self.0, key, Some(&args))
    }

    /// The message `key` for a count, chosen by the language's plural rules; `$count` holds it.
    pub(crate) fn n(&self, key: &str, count: impl Count) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        args.insert(Cow::Borrowed("count"), FluentValue::from(count.count()));
        lookup(self.0, key, Some(&args))
    }

    /// The calendar date of an RFC 3339 time (or a `YYYY-MM-DD` date) written out for the language:
    /// `15 December 2020`, `2020年12月15日`, `15 دسمبر 2020`. Anything unreadable is shown as it is.
    pub(crate) fn date(&self, when: &str) -> String {
        let Some((y, m, d)) = when
            .get(..10)
            .and_then(|d| {
                let mut it = d.splitn(3, '-');
                Some((it.next()?, it.next()?, it.next()?))
            })
            .and_then(|(y, m, d)| {
                Some((
                    y.parse::<i32>().ok()?,
                    m.parse::<u8>().ok()?,
                    d.parse::<u8>().ok()?,
                ))
            })
            .filter(|(_, m, d)| (1..=12).contains(m) && (1..=31).contains(d))
        else {
            return when.to_owned();
        };
        let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        args.insert(Cow::Borrowed("year"), FluentValue::from(y.to_string()));
        args.insert(Cow::Borrowed("m"), FluentValue::from(m.to_string()));
        args.insert(Cow::Borrowed("day"), FluentValue::from(d.to_string()));
        args.insert(
            Cow::Borrowed("month"),
            FluentValue::from(self.t(&format!("month-{m}"))),
        );
        lookup(self.0, "date-long", Some(&args))
    }

    /// The BCP 47 code for `lang=`.
    pub(crate) fn code(&self) -> &'static str {
        self.0.code()
    }

    /// `rtl` for Urdu, else `ltr`.
    pub(crate) fn dir(&self) -> &'static str {
        if self.0.is_rtl() { "rtl" } else { "ltr" }
    }

    /// The languages to switch to, each named in itself: (code, name, whether current).
    pub(crate) fn choices(&self) -> Vec<(&'static str, &'static str, bool)> {
        [
            (Language::En, "English"),
            (Language::Zh, "中文"),
            (Language::Ur, "اردو"),
        ]
        .into_iter()
        .map(|(l, name)| (l.code(), name, l == self.0))
        .collect()
    }
}

/// The language an `Accept-Language` header prefers among ours, by its quality values.
pub(crate) fn from_accept(header: &str) -> Option<Language> {
    let mut best: Option<(f32, Language)> = None;
    for part in header.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        let lang = match primary {
            "en" => Language::En,
            "zh" => Language::Zh,
            "ur" => Language::Ur,
            _ => continue,
        };
        if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l)
}

/// The request's language from its cookie, else its `Accept-Language`, else English.
fn negotiate(req: &Request) -> Language {
    let cookie = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .and_then(|(_, v)| v.parse::<Language>().ok());
    cookie
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(from_accept)
        })
        .unwrap_or(Language::En)
}

/// Keeps the request's language for everything that answers it.
pub(crate) async fn layer(req: Request, next: Next) -> Response {
    let lang = negotiate(&req);
    let mut res = CURRENT.scope(lang, next.run(req)).await;
    res.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        header::HeaderValue::from_static(lang.code()),
    );
    res.headers_mut().append(
        header::VARY,
        header::HeaderValue::from_static("accept-language, cookie"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_s_preference_is_read_by_quality() {
        assert_eq!(from_accept("ur-PK,ur;q=0.9,en;q=0.8"), Some(Language::Ur));
        assert_eq!(
            from_accept("fr-FR, zh-CN;q=0.7, en;q=0.5"),
            Some(Language::Zh)
        );
        assert_eq!(from_accept("en;q=0.2, zh-Hans;q=0.9"), Some(Language::Zh));
        assert_eq!(from_accept("de, fr"), None);
        assert_eq!(from_accept("zh;q=0"), None);
    }

    #[test]
    fn dates_are_written_out_for_each_language() {
        assert_eq!(
            Tr(Language::En).date("2020-12-15T09:00:00Z"),
            "15 December 2020"
        );
        assert_eq!(Tr(Language::Zh).date("2020-12-15"), "2020年12月15日");
        let ur = Tr(Language::Ur).date("2020-12-15T09:00:00+05:00");
        assert!(ur.contains("دسمبر") && ur.contains("2020"), "{ur}");
        assert_eq!(Tr(Language::En).date("soon"), "soon");
        assert_eq!(Tr(Language::En).date("2020-13-01"), "2020-13-01");
    }

    /// The message ids of one language's files.
    fn ids(lang: &str) -> std::collections::BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut out = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" =")
                    && !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    assert!(out.insert(id.to_owned()), "{lang}: {id} twice");
                }
            }
        }
        out
    }

    /// Every message id the templates and the code ask for by name.
    fn used() -> std::collections::BTreeSet<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("templates"), root.join("src")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    dirs.push(p);
                } else {
                    files.push(p);
                }
            }
        }
        let mut out = std::collections::BTreeSet::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            for call in [".t(\"", ".t1(\"", ".t2(\"", ".n(\""] {
                for piece in text.split(call).skip(1) {
                    let id: String = piece.chars().take_while(|c| *c != '"').collect();
                    if !id.is_empty() && !id.contains('{') {
                        out.insert(id);
                    }
                }
            }
        }
        // Built from a name: the areas and the facets.
        for a in corridor_core::search::Area::ALL {
            out.insert(format!("area-{}", a.as_str()));
        }
        for f in ["area", "body", "party", "status", "year"] {
            out.insert(format!("facet-{f}"));
        }
        // Dates: the pattern and the month names it takes.
        out.insert("date-long".into());
        for m in 1..=12 {
            out.insert(format!("month-{m}"));
        }
        for e in [
            "not-found",
            "forbidden",
            "conflict",
            "too-many",
            "request",
            "server",
        ] {
            out.insert(format!("error-{e}"));
        }
        out
    }

    #[test]
    fn every_message_is_in_every_language() {
        let en = ids("en");
        for lang in ["zh", "ur"] {
            let other = ids(lang);
            let missing: Vec<_> = en.difference(&other).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            let extra: Vec<_> = other.difference(&en).collect();
            assert!(
                extra.is_empty(),
                "{lang} has {extra:?}, which English lacks"
            );
        }
        let unknown: Vec<_> = used().into_iter().filter(|id| !en.contains(id)).collect();
        assert!(
            unknown.is_empty(),
            "asked for but never written: {unknown:?}"
        );
        // Each resolves to words, not to its own id, in each language, given every argument any message
        // names (numbers as 2, so plural forms are chosen).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en");
        let mut names = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for piece in text.split('$').skip(1) {
                let name: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                names.insert(name);
            }
        }
        let names: Vec<&'static str> = names
            .into_iter()
            .map(|n| &*Box::leak(n.into_boxed_str()))
            .collect();
        let args: Vec<(&'static str, &str)> = names.iter().map(|n| (*n, "2")).collect();
        for lang in [Language::En, Language::Zh, Language::Ur] {
            for id in &en {
                let text = Tr(lang).with(id, &args);
                assert!(
                    !text.is_empty() && text != *id,
                    "{lang}: {id} gives {text:?}"
                );
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(Tr(Language::En).n("search-results", 1_u64), "1 result");
        assert_eq!(Tr(Language::En).n("search-results", 3_u64), "3 results");
        assert!(
            Tr(Language::Zh)
                .n("search-results", 3_u64)
                .contains("条结果")
        );
        assert!(
            Tr(Language::Ur)
                .n("search-results", 1_u64)
                .contains("نتیجہ")
        );
        // In Urdu the number is isolated, so it keeps its order inside right-to-left text.
        assert!(
            Tr(Language::Ur)
                .n("search-results", 5_u64)
                .contains("\u{2068}5\u{2069}")
        );
        assert!(
            Tr(Language::Ur)
                .n("search-results", 5_u64)
                .contains("نتائج")
        );
    }
}
