//! One analyzer for text in English, Chinese and Urdu together. The tokenizer splits the text into runs by
//! script: a run of Han characters is segmented into words by jieba (a dictionary and an HMM for unknown
//! words); any other run of letters, digits and combining marks is one word, normalised for the Arabic
//! script (harakat and tatweel removed, Arabic letter forms folded to the Urdu ones, Eastern digits to
//! Western). Filters then lower-case, fold Latin accents and stem English.
//!
//! Indexing adds, at the position of each long Chinese word, the shorter dictionary words inside it
//! (纺织产业 also as 纺织 and 产业), so a two-character query finds a four-character compound; queries
//! use the plain segmentation, so a phrase of several words still matches word for word.

use jieba_rs::Jieba;
use std::sync::LazyLock;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

/// The analyzer's name in the index's schema.
pub const NAME: &str = "multi";

/// The dictionary, loaded once (about 100 ms).
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The analyzer for indexing (`query == false`) or for parsing queries.
pub fn analyzer(query: bool) -> TextAnalyzer {
    TextAnalyzer::builder(MultiTokenizer { query })
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Splits text by script; see the module's documentation.
#[derive(Clone, Copy, Debug)]
pub struct MultiTokenizer {
    /// Whether it reads a query (no sub-words).
    pub query: bool,
}

/// The tokens of one text, made up front.
pub struct Tokens {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Whether `c` is a Han ideograph (the CJK blocks Chinese text is written in).
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}')
}

/// Combining marks that belong to the word they sit on: Latin accents written apart and the Arabic
/// script's vowel signs and Quranic marks.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}')
}

/// Whether `c` continues a word of a non-Han script: letters, digits, marks, the Arabic tatweel and the
/// zero-width (non-)joiners that Urdu and Persian typing leave inside words.
fn is_word(c: char) -> bool {
    (c.is_alphanumeric() && !is_han(c))
        || is_mark(c)
        || matches!(c, '\u{0640}' | '\u{200C}' | '\u{200D}')
}

/// A word of the Arabic script as Urdu writes it, so the variants people type find each other: marks,
/// tatweel and joiners dropped; Arabic yeh, alef maksura, kaf and heh folded to Urdu yeh, keheh and heh
/// goal; alef forms with hamza or madda to the bare alef; Eastern digits to Western. Other scripts pass
/// through.
pub fn normalise(word: &str) -> String {
    word.chars()
        .filter(|&c| !is_mark(c) && !matches!(c, '\u{0640}' | '\u{200C}' | '\u{200D}'))
        .map(|c| match c {
            '\u{064A}' | '\u{0649}' => '\u{06CC}',
            '\u{0643}' => '\u{06A9}',
            '\u{0647}' | '\u{06C2}' | '\u{06D5}' => '\u{06C1}',
            '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => '\u{0627}',
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            other => other,
        })
        .collect()
}

impl MultiTokenizer {
    fn push(tokens: &mut Vec<Token>, text: String, from: usize, to: usize, position: usize) {
        if text.is_empty() {
            return;
        }
        tokens.push(Token {
            offset_from: from,
            offset_to: to,
            position,
            text,
            position_length: 1,
        });
    }

    /// The words of a run of Han characters starting at byte `base`.
    fn han(&self, run: &str, base: usize, tokens: &mut Vec<Token>, position: &mut usize) {
        for w in JIEBA.cut(run, true) {
            let (from, to) = (base + w.byte_start, base + w.byte_end);
            Self::push(tokens, w.word.to_owned(), from, to, *position);
            if !self.query && w.word.chars().count() > 2 {
                // The parts carry the compound's offsets: offsets then only grow, which the passage
                // highlighter needs, and a part's match marks the whole word.
                for sub in JIEBA.cut_for_search(w.word, false) {
                    if sub.word != w.word {
                        Self::push(tokens, sub.word.to_owned(), from, to, *position);
                    }
                }
            }
            *position += 1;
        }
    }

    /// Every token of `text`.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        #[derive(PartialEq, Clone, Copy)]
        enum Run {
            None,
            Han,
            Word,
        }
        let mut tokens = Vec::new();
        let mut position = 0;
        let mut run = Run::None;
        let mut start = 0;
        let mut flush = |run: Run, start: usize, end: usize, tokens: &mut Vec<Token>| match run {
            Run::Han => self.han(&text[start..end], start, tokens, &mut position),
            Run::Word => {
                let before = tokens.len();
                Self::push(tokens, normalise(&text[start..end]), start, end, position);
                if tokens.len() > before {
                    position += 1;
                }
            }
            Run::None => {}
        };
        for (i, c) in text.char_indices() {
            let kind = if is_han(c) {
                Run::Han
            } else if is_word(c) {
                Run::Word
            } else {
                Run::None
            };
            if kind != run {
                flush(run, start, i, &mut tokens);
                run = kind;
                start = i;
            }
        }
        flush(run, start, text.len(), &mut tokens);
        tokens
    }
}

impl Tokenizer for MultiTokenizer {
    type TokenStream<'a> = Tokens;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        Tokens {
            tokens: self.tokens(text),
            next: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(query: bool, text: &str) -> Vec<String> {
        let mut a = analyzer(query);
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = s.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn chinese_is_cut_into_words_and_compounds_also_into_their_parts() {
        let indexed = words(false, "纺织产业联合诊断研究");
        for w in ["纺织", "产业", "联合", "诊断", "研究"] {
            assert!(indexed.contains(&w.to_owned()), "{w} not in {indexed:?}");
        }
        assert_eq!(words(true, "纺织"), ["纺织"]);
        assert!(
            !words(true, "纺织").contains(&"纺".to_owned()),
            "single characters are not words"
        );
    }

    #[test]
    fn sub_words_share_the_position_of_their_compound() {
        let t = MultiTokenizer { query: false }.tokens("中华人民共和国成立");
        let whole = t.iter().find(|t| t.text == "中华人民共和国").unwrap();
        let part = t.iter().find(|t| t.text == "人民").unwrap();
        assert_eq!(whole.position, part.position);
        assert_eq!(
            (part.offset_from, part.offset_to),
            (whole.offset_from, whole.offset_to)
        );
        let q = MultiTokenizer { query: true }.tokens("中华人民共和国成立");
        assert!(q.iter().all(|t| t.text != "人民"));
    }

    #[test]
    fn offsets_never_go_back() {
        // The passage highlighter walks tokens assuming both ends of their offsets only grow.
        let text = "技能产出纪要里程碑代表，中华人民共和国 Rashakai 经济特区 صنعتی تعاون 纺织产业联合诊断研究";
        for query in [false, true] {
            let t = MultiTokenizer { query }.tokens(text);
            for w in t.windows(2) {
                assert!(w[0].offset_from <= w[1].offset_from, "{w:?}");
                assert!(w[0].offset_to <= w[1].offset_to, "{w:?}");
            }
        }
    }

    #[test]
    fn english_is_lower_cased_folded_and_stemmed() {
        assert_eq!(
            words(true, "Textiles, RASHAKAI café"),
            ["textil", "rashakai", "cafe"]
        );
        assert_eq!(words(true, "textile"), ["textil"]);
    }

    #[test]
    fn urdu_variants_meet_in_one_form() {
        // Arabic yeh and kaf against the Urdu letters; a vowel mark and a tatweel that typing leaves in.
        assert_eq!(normalise("تعاون"), "تعاون");
        assert_eq!(normalise("پاكستاني"), "پاکستانی");
        assert_eq!(normalise("مُعاہدہ"), "معاہدہ");
        assert_eq!(normalise("اجـلاس"), "اجلاس");
        assert_eq!(normalise("۲۰۲۴"), "2024");
        assert_eq!(words(true, "صنعتی تعاون"), words(false, "صنعتي  تَعاون"));
    }

    #[test]
    fn scripts_split_apart_and_punctuation_is_dropped() {
        let t = MultiTokenizer { query: true }.tokens("第5次会议: Rashakai经济特区、اجلاس۔");
        let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert!(texts.contains(&"5"));
        assert!(texts.contains(&"Rashakai"));
        assert!(texts.contains(&"اجلاس"));
        assert!(texts.iter().any(|w| w.contains("经济") || *w == "经济特区"));
        assert!(
            !texts
                .iter()
                .any(|w| w.contains('、') || w.contains('۔') || w.contains(':'))
        );
        for tok in &t {
            let src = &"第5次会议: Rashakai经济特区、اجلاس۔"[tok.offset_from..tok.offset_to];
            assert!(!src.is_empty());
        }
    }
}
