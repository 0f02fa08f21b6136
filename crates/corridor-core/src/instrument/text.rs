//! An instrument's text: an ordered tree of parts, articles and paragraphs, each clause with its English,
//! Chinese and Urdu wording side by side, matched by a stable key the drafters choose (`a3`, `a3.2`).
//!
//! People write a version as plain text, one block per language, each clause opened by a line
//! `[key] number: heading` — `[p1] Part I: General provisions`, `[a1] Article 1: Objectives`,
//! `[a1.1] 1.` — followed by its wording. Keys starting with `p` are parts, keys with a dot are paragraphs
//! of the article before the dot, the rest are articles. The English block sets the structure; the others
//! give wording for its keys.

use crate::error::FieldError;
use crate::language::Language;
use serde::{Deserialize, Serialize};

/// One text in each language; empty where not written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Texts {
    /// English.
    #[serde(default)]
    pub en: String,
    /// Chinese.
    #[serde(default)]
    pub zh: String,
    /// Urdu.
    #[serde(default)]
    pub ur: String,
}

impl Texts {
    /// The text in `lang`.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.en,
            Language::Zh => &self.zh,
            Language::Ur => &self.ur,
        }
    }

    fn set(&mut self, lang: Language, text: String) {
        match lang {
            Language::En => self.en = text,
            Language::Zh => self.zh = text,
            Language::Ur => self.ur = text,
        }
    }
}

/// A part, an article or a paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Clause {
    /// Stable across versions: how a moved or renumbered clause is recognised.
    pub key: String,
    /// `part`, `article` or `paragraph`.
    pub kind: String,
    /// As printed in English, which sets the structure: `Article 3`, `1.`.
    pub number: String,
    /// As printed in each language (`第三条`), where its block gives one.
    #[serde(default)]
    pub numbers: Texts,
    /// Its heading in each language.
    pub heading: Texts,
    /// Its wording in each language.
    pub text: Texts,
    /// Articles of a part, paragraphs of an article.
    #[serde(default)]
    #[schema(no_recursion)]
    pub children: Vec<Clause>,
}

impl Clause {
    /// Its number as printed in `lang`, else as in English.
    pub fn number_in(&self, lang: Language) -> &str {
        let local = self.numbers.get(lang);
        if local.is_empty() {
            &self.number
        } else {
            local
        }
    }
}

/// The most clauses a version may hold.
pub const MAX_CLAUSES: usize = 2_000;

fn kind_of(key: &str) -> &'static str {
    if key.contains('.') {
        "paragraph"
    } else if key.starts_with('p') {
        "part"
    } else {
        "article"
    }
}

/// One clause as written in one language's block, with the line it starts on.
struct Written {
    key: String,
    line: usize,
    number: String,
    heading: String,
    text: String,
}

fn field_of(lang: Language) -> String {
    format!("text_{}", lang.code())
}

fn parse_block(lang: Language, raw: &str) -> Result<Vec<Written>, FieldError> {
    let field = field_of(lang);
    let err = |line: usize, msg: String| FieldError::new(&field, format!("line {line}: {msg}"));
    let mut out: Vec<Written> = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        let n = i + 1;
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix('[') {
            let (key, head) = rest
                .split_once(']')
                .ok_or_else(|| err(n, "a clause line is written [key] number: heading".into()))?;
            let key = key.trim();
            if key.is_empty()
                || key.len() > 20
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            {
                return Err(err(
                    n,
                    format!(
                        "“{key}” is not a clause key; use letters, digits and dots, like a3 or a3.2"
                    ),
                ));
            }
            if out.iter().any(|w| w.key == key) {
                return Err(err(n, format!("[{key}] appears twice")));
            }
            let head = head.trim();
            let (number, heading) = head
                .split_once([':', '：'])
                .map_or((head, ""), |(a, b)| (a.trim(), b.trim()));
            out.push(Written {
                key: key.to_owned(),
                line: n,
                number: number.to_owned(),
                heading: heading.to_owned(),
                text: String::new(),
            });
        } else if let Some(w) = out.last_mut() {
            if !w.text.is_empty() || !trimmed.is_empty() {
                if !w.text.is_empty() {
                    w.text.push('\n');
                }
                w.text.push_str(trimmed);
            }
        } else if !trimmed.is_empty() {
            return Err(err(
                n,
                "text before the first clause; start with a line like [a1] Article 1: Objectives"
                    .into(),
            ));
        }
        if out.len() > MAX_CLAUSES {
            return Err(err(
                n,
                format!("a version holds at most {MAX_CLAUSES} clauses"),
            ));
        }
    }
    for w in &mut out {
        w.text = w.text.trim_end().to_owned();
    }
    Ok(out)
}

/// Builds the clause tree from the English block and fills in the other languages by key.
pub fn parse(en: &str, zh: &str, ur: &str) -> Result<Vec<Clause>, FieldError> {
    let english = parse_block(Language::En, en)?;
    if english.is_empty() {
        return Err(FieldError::new(
            "text_en",
            "is required: the English text sets the clauses",
        ));
    }
    let mut flat: Vec<(Clause, Option<String>)> = Vec::new();
    let mut last_part: Option<String> = None;
    let mut last_article: Option<String> = None;
    for w in &english {
        let kind = kind_of(&w.key);
        let parent = match kind {
            "part" => None,
            "article" => last_part.clone(),
            _ => {
                let article = w.key.rsplit_once('.').map(|(a, _)| a.to_owned());
                if article != last_article {
                    return Err(FieldError::new(
                        "text_en",
                        format!(
                            "line {}: paragraph [{}] must follow its article [{}]",
                            w.line,
                            w.key,
                            article.unwrap_or_default()
                        ),
                    ));
                }
                article
            }
        };
        match kind {
            "part" => {
                last_part = Some(w.key.clone());
                last_article = None;
            }
            "article" => last_article = Some(w.key.clone()),
            _ => {}
        }
        let mut clause = Clause {
            key: w.key.clone(),
            kind: kind.to_owned(),
            number: w.number.clone(),
            numbers: Texts::default(),
            heading: Texts::default(),
            text: Texts::default(),
            children: Vec::new(),
        };
        clause.numbers.set(Language::En, w.number.clone());
        clause.heading.set(Language::En, w.heading.clone());
        clause.text.set(Language::En, w.text.clone());
        flat.push((clause, parent));
    }
    for (lang, raw) in [(Language::Zh, zh), (Language::Ur, ur)] {
        for w in parse_block(lang, raw)? {
            let Some((clause, _)) = flat.iter_mut().find(|(c, _)| c.key == w.key) else {
                return Err(FieldError::new(
                    field_of(lang),
                    format!(
                        "line {}: [{}] is not a clause of the English text",
                        w.line, w.key
                    ),
                ));
            };
            clause.numbers.set(lang, w.number);
            clause.heading.set(lang, w.heading);
            clause.text.set(lang, w.text);
        }
    }
    Ok(nest(flat))
}

/// Turns (clause, parent key) pairs in reading order into a tree.
fn nest(flat: Vec<(Clause, Option<String>)>) -> Vec<Clause> {
    let mut roots: Vec<Clause> = Vec::new();
    for (clause, parent) in flat {
        match parent {
            None => roots.push(clause),
            Some(p) => match find_mut(&mut roots, &p) {
                Some(parent) => parent.children.push(clause),
                None => roots.push(clause),
            },
        }
    }
    roots
}

fn find_mut<'a>(clauses: &'a mut [Clause], key: &str) -> Option<&'a mut Clause> {
    for c in clauses {
        if c.key == key {
            return Some(c);
        }
        if let Some(found) = find_mut(&mut c.children, key) {
            return Some(found);
        }
    }
    None
}

/// Every clause in reading order.
pub fn flatten(clauses: &[Clause]) -> Vec<&Clause> {
    let mut out = Vec::new();
    for c in clauses {
        out.push(c);
        out.extend(flatten(&c.children));
    }
    out
}

/// The block of `lang` as people write it: what [`parse`] reads back.
pub fn render(clauses: &[Clause], lang: Language) -> String {
    let mut out = String::new();
    for c in flatten(clauses) {
        let heading = c.heading.get(lang);
        let text = c.text.get(lang);
        if lang != Language::En && heading.is_empty() && text.is_empty() {
            continue;
        }
        out.push_str(&format!("[{}] {}", c.key, c.number_in(lang)));
        if !heading.is_empty() {
            out.push_str(&format!(": {heading}"));
        }
        out.push('\n');
        if !text.is_empty() {
            out.push_str(text);
            out.push('\n');
        }
    }
    out
}

/// Keys of the clauses whose English changed from `older` to `newer` while their wording in `lang` did not:
/// the translation there was made from the older source and is stale until someone confirms it.
pub fn stale_translation(older: &[Clause], newer: &[Clause], lang: Language) -> Vec<String> {
    let old = flatten(older);
    flatten(newer)
        .into_iter()
        .filter(|n| {
            let translated = !n.text.get(lang).is_empty() || !n.heading.get(lang).is_empty();
            translated
                && old.iter().any(|o| {
                    o.key == n.key
                        && (o.text.en != n.text.en || o.heading.en != n.heading.en)
                        && o.text.get(lang) == n.text.get(lang)
                        && o.heading.get(lang) == n.heading.get(lang)
                })
        })
        .map(|c| c.key.clone())
        .collect()
}
