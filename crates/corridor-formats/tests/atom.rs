//! Our Atom feeds against the structure RFC 4287 defines (`atom.rng`, checked by xmllint, which `.ci/run`
//! installs): a feed with text that needs escaping and Chinese passes; one without an id fails, which shows
//! the check checks.

use corridor_formats::atom::{Entry, Feed, atom};
use std::process::Command;

fn feed(entries: usize) -> Feed {
    Feed {
        id: "urn:uuid:0193f2a8-6c1e-7a52-9d1b-5f0c2e7a9b10".into(),
        title: "Corridor alerts for pk.secretariat".into(),
        updated: "2026-11-29T09:00:00Z".into(),
        self_link: "https://corridor.example/feeds/abc/alerts.atom".into(),
        alternate: "https://corridor.example/inbox".into(),
        author: "Corridor".into(),
        entries: (0..entries)
            .map(|i| Entry {
                id: format!("urn:uuid:0193f2a8-6c1e-7a52-9d1b-5f0c2e7a9b{i:02}"),
                title: format!("Milestone “Land <handover> & 纺织 {i}”: updated"),
                updated: "2026-11-29T08:59:00Z".into(),
                link: "https://corridor.example/projects/1?a=1&b=2".into(),
                summary: "forecast date: 2021-06-30 → 2021-09-30 by Bilal Hussain. <script>".into(),
                author: "Bilal Hussain".into(),
                // An entry in another language than the feed's says so; the RELAX NG schema allows
                // `xml:lang` on both.
                lang: if i == 1 { "zh".into() } else { String::new() },
            })
            .collect(),
        lang: "en".into(),
    }
}

fn xmllint(xml: &str) -> (bool, String) {
    let dir = std::env::temp_dir().join(format!("corridor-atom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}.xml", xml.len()));
    std::fs::write(&file, xml).unwrap();
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/atom.rng");
    let out = Command::new("xmllint")
        .args(["--noout", "--relaxng", schema])
        .arg(&file)
        .output()
        .expect("xmllint (Debian's libxml2-utils; .ci/run installs it)");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_feed_validates_against_the_structure_of_rfc_4287() {
    let xml = atom(&feed(3));
    assert!(xml.contains("&lt;handover&gt; &amp; 纺织"), "{xml}");
    assert!(
        xml.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">"#),
        "{xml}"
    );
    assert_eq!(xml.matches(r#"<entry xml:lang="zh">"#).count(), 1, "{xml}");
    let (ok, why) = xmllint(&xml);
    assert!(ok, "{why}\n{xml}");
    let (ok, why) = xmllint(&atom(&feed(0)));
    assert!(ok, "an empty feed is valid too: {why}");
}

#[test]
fn a_feed_without_its_id_is_refused() {
    let xml = atom(&feed(1)).replacen(
        "<id>urn:uuid:0193f2a8-6c1e-7a52-9d1b-5f0c2e7a9b10</id>",
        "",
        1,
    );
    let (ok, _) = xmllint(&xml);
    assert!(!ok, "{xml}");
}
