//! How long a 30-page Record of Discussions takes to lay out as PDF, English beside Chinese.
//!
//! Prints the median of several runs, each on a record that differs from the last (so typst's memo cache
//! cannot hand back the previous document), and the ratio against the DOCX of the same record measured in the
//! same run. `cargo bench -p corridor-formats --bench record_pdf`

use corridor_formats::pdf::{FontSet, render};
use corridor_formats::record::{Parallel, RecordDocument, RecordItem, RecordOutcome, docx};
use std::time::{Duration, Instant};

const RUNS: usize = 9;

fn record(items: usize, run: usize) -> RecordDocument {
    let minutes_en = "The Pakistani side briefed the meeting on the progress of the special economic zone, \
        the plots allotted, the enterprises that have committed and the utilities still outstanding. The \
        Chinese side welcomed the progress, asked for the list of incentives offered to investors and \
        proposed that the experts of both sides visit the site before the next meeting. ";
    let minutes_zh = "巴方介绍了经济特区的进展情况，包括已分配地块、已承诺入驻企业以及尚待完成的公用设施。\
        中方对进展表示欢迎，请巴方提供面向投资者的优惠政策清单，并建议双方专家在下次会议前实地考察。";
    RecordDocument {
        body: "Joint Working Group on Industrial Cooperation".into(),
        title: format!("{} meeting (run {run})", items),
        when: "2020-12-15 10:00 to 12:30 (Asia/Karachi)".into(),
        modality: "Video conference".into(),
        version: 2,
        status: "agreed".into(),
        hash: "ab".repeat(32),
        chairs: vec!["Khashih-ur-Rehman".into(), "Ying Xiong".into()],
        delegations: Vec::new(),
        items: (1..=items)
            .map(|i| RecordItem {
                title: Parallel {
                    en: format!("Special economic zone number {i}"),
                    zh: format!("第{i}号经济特区"),
                    ur: String::new(),
                },
                minutes: Parallel {
                    en: minutes_en.repeat(2),
                    zh: minutes_zh.repeat(2),
                    ur: String::new(),
                },
            })
            .collect(),
        outcomes: (1..=items)
            .map(|i| RecordOutcome {
                kind: "action item".into(),
                text: Parallel {
                    en: format!("Share the incentive list of zone {i}"),
                    zh: format!("提供第{i}号特区优惠政策清单"),
                    ur: String::new(),
                },
                due: "2021-03-31".into(),
            })
            .collect(),
        signature_state: "signed by Pakistan and China".into(),
        signatures: vec![
            (
                "Khashih-ur-Rehman".into(),
                "for Pakistan, 2021-01-12".into(),
                "key 2b1b".into(),
            ),
            (
                "Ying Xiong".into(),
                "for China, 2021-01-14".into(),
                "key 77aa".into(),
            ),
        ],
        bilingual: false,
    }
    .with_layout()
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn main() {
    let started = Instant::now();
    let fonts = FontSet::load_default(&[]).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "fonts loaded in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );

    // Find the number of agenda items that fills 30 pages.
    let mut items = 20;
    let mut pages = render(&record(items, 0), &fonts).unwrap().pages;
    while pages < 30 {
        items += 2;
        pages = render(&record(items, 0), &fonts).unwrap().pages;
    }
    println!("record: {items} agenda items, {pages} pages");

    let mut pdf_times = Vec::new();
    let mut docx_times = Vec::new();
    let mut size = 0;
    for run in 1..=RUNS {
        let doc = record(items, run);
        let t = Instant::now();
        let out = render(&doc, &fonts).unwrap();
        pdf_times.push(t.elapsed());
        size = out.bytes.len();
        let t = Instant::now();
        let bytes = docx(&doc).unwrap();
        docx_times.push(t.elapsed());
        assert!(!bytes.is_empty());
    }
    let pdf = median(pdf_times);
    let baseline = median(docx_times);
    println!(
        "PDF, {pages} pages: median {:.0} ms over {RUNS} runs ({} KB); DOCX of the same record: median {:.1} ms; ratio {:.1}",
        pdf.as_secs_f64() * 1e3,
        size / 1024,
        baseline.as_secs_f64() * 1e3,
        pdf.as_secs_f64() / baseline.as_secs_f64()
    );
}
