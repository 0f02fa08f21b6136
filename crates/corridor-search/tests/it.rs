//! The index end to end: documents built from record states as the event log holds them, searched in
//! three languages, narrowed by scope and facets.

use corridor_core::search::{Area, Filters, Results, Scope, document};
use corridor_search::{Change, Place, Request, SearchError, SearchIndex};
use serde_json::{Value, json};

const PK: &str = "party-pk";
const CN: &str = "party-cn";

fn put(entity: &str, id: &str, payload: &Value) -> Change {
    Change::Put(Box::new(document(entity, id, payload).unwrap()), None)
}

fn place(seq: i64) -> Place {
    Place {
        seq,
        hash: format!("h{seq}"),
    }
}

/// A small world: a shared study in English and Chinese, a shared clause text, a project in Rashakai with
/// an Urdu name, one internal note of each side and a restricted note.
fn world() -> SearchIndex {
    let ix = SearchIndex::in_memory();
    let clauses = json!([{"key": "a3", "kind": "article", "number": "Article 3",
        "heading": {"en": "Sectors", "zh": "合作领域"},
        "text": {"en": "The Parties shall cooperate in textiles and agro-processing.",
                 "zh": "双方应在纺织和农产品加工领域开展合作。"}}]);
    let changes = vec![
        put(
            "study",
            "s1",
            &json!({"title": "Joint diagnostic study of the textile sector",
            "translations": "{\"zh\":\"纺织产业联合诊断研究\",\"ur\":\"ٹیکسٹائل شعبے کا مشترکہ تشخیصی مطالعہ\"}",
            "sector": "textiles", "body_id": "jwg", "owner_party_id": PK, "visibility": "shared",
            "created_at": "2024-06-01T00:00:00Z"}),
        ),
        put(
            "instrument_version",
            "v1",
            &json!({"label": "Framework agreement, draft 2",
            "clauses": clauses.to_string(), "dated_on": "2025-02-10", "status": "draft",
            "owner_party_id": PK, "visibility": "shared"}),
        ),
        put(
            "project",
            "p1",
            &json!({"name": "Rashakai Special Economic Zone",
            "translations": "{\"zh\":\"拉沙卡伊经济特区\",\"ur\":\"رشکئی خصوصی اقتصادی زون\"}",
            "province": "Khyber Pakhtunkhwa", "status": "implementation", "owner_party_id": PK,
            "visibility": "public", "planned_start": "2019-05-01"}),
        ),
        put(
            "briefing_note",
            "n-pk",
            &json!({"text": "Our line on Rashakai utilities: press for the gas connection first.",
            "meeting_id": "m5", "owner_party_id": PK, "visibility": "party"}),
        ),
        put(
            "briefing_note",
            "n-cn",
            &json!({"text": "内部：拉沙卡伊 Rashakai 电力问题的谈判底线。",
            "meeting_id": "m5", "owner_party_id": CN, "visibility": "party"}),
        ),
        put(
            "briefing_note",
            "n-r",
            &json!({"text": "Rashakai land file, for the two co-chairs only.",
            "meeting_id": "m5", "owner_party_id": PK, "visibility": "restricted"}),
        ),
        put(
            "register_item",
            "r1",
            &json!({"text": "Send the <b>textile</b> study's action plan to the provinces & the zones.",
            "status": "open", "body_id": "jwg", "owner_party_id": CN, "visibility": "shared",
            "due_on": "2025-03-31"}),
        ),
    ];
    ix.apply(changes, place(7)).unwrap();
    ix
}

fn pk_user() -> Scope {
    Scope::User {
        party_id: PK.into(),
        member: true,
        granted: vec![],
        named: vec![],
    }
}

fn cn_user() -> Scope {
    Scope::User {
        party_id: CN.into(),
        member: true,
        granted: vec![],
        named: vec![],
    }
}

fn find(ix: &SearchIndex, q: &str, scope: &Scope, filters: &Filters) -> Results {
    ix.search(&Request {
        query: q,
        filters,
        scope,
        offset: 0,
        limit: 20,
    })
    .unwrap()
}

fn keys(r: &Results) -> Vec<String> {
    let mut k: Vec<String> = r
        .hits
        .iter()
        .map(|h| format!("{}:{}", h.entity, h.id))
        .collect();
    k.sort();
    k
}

#[test]
fn two_chinese_characters_find_the_textile_study_and_clause() {
    let ix = world();
    let r = find(&ix, "纺织", &cn_user(), &Filters::default());
    assert_eq!(keys(&r), ["instrument_version:v1", "study:s1"]);
    let clause = r
        .hits
        .iter()
        .find(|h| h.entity == "instrument_version")
        .unwrap();
    assert!(clause.snippet.contains("<b>纺织</b>"), "{}", clause.snippet);
    let study = r.hits.iter().find(|h| h.entity == "study").unwrap();
    assert_eq!(study.title.zh.as_deref(), Some("纺织产业联合诊断研究"));
    assert_eq!(study.link, "/studies/s1");
    // A single character is not a word: it finds nothing rather than everything.
    assert_eq!(find(&ix, "纺", &cn_user(), &Filters::default()).total, 0);
}

#[test]
fn english_finds_word_forms_and_urdu_finds_its_letter_variants() {
    let ix = world();
    let r = find(&ix, "textile", &pk_user(), &Filters::default());
    assert_eq!(
        keys(&r),
        ["instrument_version:v1", "register_item:r1", "study:s1"]
    );
    // Typed with the Arabic yeh and kaf and a vowel mark, the Urdu name still matches.
    let r = find(&ix, "اقتصادي زُون", &Scope::Public, &Filters::default());
    assert_eq!(keys(&r), ["project:p1"]);
    let r = find(
        &ix,
        "\"special economic zone\"",
        &Scope::Public,
        &Filters::default(),
    );
    assert_eq!(keys(&r), ["project:p1"]);
}

#[test]
fn each_side_finds_its_own_internal_notes_and_never_the_others() {
    let ix = world();
    let pk = find(&ix, "Rashakai", &pk_user(), &Filters::default());
    assert_eq!(keys(&pk), ["briefing_note:n-pk", "project:p1"]);
    let cn = find(&ix, "Rashakai", &cn_user(), &Filters::default());
    assert_eq!(keys(&cn), ["briefing_note:n-cn", "project:p1"]);
    // Not even as a count: the facets add up to what the viewer sees.
    let meetings = cn
        .facets
        .area
        .iter()
        .find(|a| a.value == "meetings")
        .unwrap();
    assert_eq!(meetings.count, 1);
    assert_eq!(cn.total, 2);
    assert!(
        cn.facets
            .party
            .iter()
            .all(|p| p.value != PK || p.count == 1)
    );
    // The restricted note reaches the people it names only.
    let named = Scope::User {
        party_id: CN.into(),
        member: true,
        granted: vec![],
        named: vec!["briefing_note:n-r".into()],
    };
    assert!(
        keys(&find(&ix, "Rashakai land", &named, &Filters::default()))
            .contains(&"briefing_note:n-r".to_owned())
    );
    assert_eq!(
        find(&ix, "Rashakai land", &pk_user(), &Filters::default()).total,
        0
    );
    // Anonymous visitors see public records; a third party sees the shared records opened to it.
    assert_eq!(
        keys(&find(&ix, "Rashakai", &Scope::Public, &Filters::default())),
        ["project:p1"]
    );
    let third = Scope::User {
        party_id: "party-tr".into(),
        member: false,
        granted: vec!["study:s1".into()],
        named: vec![],
    };
    assert_eq!(
        keys(&find(&ix, "textile", &third, &Filters::default())),
        ["study:s1"]
    );
    assert_eq!(
        find(&ix, "Rashakai", &Scope::All, &Filters::default()).total,
        4
    );
}

#[test]
fn facets_count_and_narrow() {
    let ix = world();
    let all = find(&ix, "textile", &pk_user(), &Filters::default());
    let area = |v: &str| {
        all.facets
            .area
            .iter()
            .find(|a| a.value == v)
            .map(|a| a.count)
    };
    assert_eq!(
        (area("studies"), area("register"), area("instruments")),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(
        all.facets.body,
        vec![corridor_core::search::FacetCount {
            value: "jwg".into(),
            label: "jwg".into(),
            count: 2
        }]
    );
    assert_eq!(
        all.facets.year.first().map(|y| y.value.as_str()),
        Some("2025")
    );
    let only = Filters {
        area: Some(Area::Register),
        ..Filters::default()
    };
    assert_eq!(
        keys(&find(&ix, "textile", &pk_user(), &only)),
        ["register_item:r1"]
    );
    let status = Filters {
        status: Some("draft".into()),
        year: Some(2025),
        ..Filters::default()
    };
    assert_eq!(
        keys(&find(&ix, "textile", &pk_user(), &status)),
        ["instrument_version:v1"]
    );
    let party = Filters {
        party: Some(CN.into()),
        ..Filters::default()
    };
    assert_eq!(
        keys(&find(&ix, "textile", &pk_user(), &party)),
        ["register_item:r1"]
    );
}

#[test]
fn snippets_highlight_matches_and_escape_the_text() {
    let ix = world();
    let r = find(&ix, "provinces", &pk_user(), &Filters::default());
    let s = &r.hits[0].snippet;
    assert!(s.contains("<b>provinces</b>"), "{s}");
    assert!(
        s.contains("&lt;b&gt;textile&lt;/b&gt;") && s.contains("&amp;"),
        "{s}"
    );
}

#[test]
fn a_record_is_replaced_not_repeated_and_removed_when_gone() {
    let ix = world();
    let before = ix.len();
    ix.apply(
        vec![put(
            "project",
            "p1",
            &json!({"name": "Rashakai zone, renamed", "owner_party_id": PK,
            "visibility": "party", "status": "stalled"}),
        )],
        place(8),
    )
    .unwrap();
    assert_eq!(ix.len(), before);
    // Now party-internal: the other side no longer finds it.
    assert_eq!(
        keys(&find(&ix, "renamed", &cn_user(), &Filters::default())),
        Vec::<String>::new()
    );
    assert_eq!(
        keys(&find(&ix, "renamed", &pk_user(), &Filters::default())),
        ["project:p1"]
    );
    ix.apply(vec![Change::Remove("project:p1".into())], place(9))
        .unwrap();
    assert_eq!(
        find(&ix, "renamed", &pk_user(), &Filters::default()).total,
        0
    );
    assert_eq!(ix.place(), Some(place(9)));
    // A batch dropped without its commit changes nothing.
    {
        let mut b = ix.batch();
        b.clear().unwrap();
    }
    assert_eq!(ix.len(), before - 1);
    assert_eq!(ix.place(), Some(place(9)));
}

#[test]
fn the_index_on_disk_remembers_its_place_and_is_held_by_one_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search");
    {
        let ix = SearchIndex::open(&path).unwrap();
        assert_eq!(
            ix.place(),
            None,
            "a new index has no place: the caller rebuilds it"
        );
        ix.apply(
            vec![put(
                "body",
                "jwg",
                &json!({"name": "Joint Working Group on Industrial Cooperation",
            "owner_party_id": PK, "visibility": "public"}),
            )],
            place(3),
        )
        .unwrap();
        match SearchIndex::open(&path) {
            Err(SearchError::Busy(p)) => assert_eq!(p, path),
            Err(e) => panic!("expected Busy, got {e}"),
            Ok(_) => panic!("a second writer opened the same index"),
        }
    }
    let ix = SearchIndex::open(&path).unwrap();
    assert_eq!(ix.place(), Some(place(3)));
    assert_eq!(
        find(
            &ix,
            "industrial cooperation",
            &Scope::Public,
            &Filters::default()
        )
        .total,
        1
    );
    // Another schema version's index is started afresh.
    drop(ix);
    let meta = path.join("meta.json");
    let text = std::fs::read_to_string(&meta)
        .unwrap()
        .replace("\\\"schema\\\":1", "\\\"schema\\\":0");
    std::fs::write(&meta, text).unwrap();
    let ix = SearchIndex::open(&path).unwrap();
    assert_eq!((ix.place(), ix.len()), (None, 0));
}

#[test]
fn an_empty_or_odd_query_is_answered_not_refused() {
    let ix = world();
    assert_eq!(find(&ix, "   ", &pk_user(), &Filters::default()).total, 0);
    for odd in [
        "title:",
        "\"unclosed",
        "(((",
        "AND OR",
        "visibility:party",
        "-",
        "*",
    ] {
        let r = find(&ix, odd, &cn_user(), &Filters::default());
        assert!(
            r.hits.iter().all(|h| h.id != "n-pk"),
            "{odd} leaked the other side's note"
        );
    }
}

#[test]
fn passages_over_runs_of_chinese_compounds_are_marked_whole() {
    let ix = SearchIndex::in_memory();
    ix.apply(
        vec![put(
            "minutes_entry",
            "m1",
            &json!({"text": "技能产出纪要里程碑代表，中华人民共和国代表团与纺织产业联合诊断研究",
            "meeting_id": "m", "owner_party_id": PK, "visibility": "public"}),
        )],
        place(1),
    )
    .unwrap();
    for q in ["人民", "纪要", "纺织", "代表"] {
        let r = find(&ix, q, &Scope::Public, &Filters::default());
        assert_eq!(r.total, 1, "{q}");
        assert!(
            r.hits[0].snippet.contains("<b>"),
            "{q}: {}",
            r.hits[0].snippet
        );
    }
}
