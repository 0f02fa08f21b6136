//! Search latency over a generated index of 100,000 records and about 1,000,000 words in English, Chinese
//! and Urdu. For each query it times the full search a user gets (scope filter, five facet counts,
//! stored fields and highlighted passages for 20 hits) and, in the same run, the bare index query (the
//! same words, top 20, nothing else). Prints medians, 99th percentiles and their ratio.
//!
//! `cargo bench -p corridor-search --bench search` (add `-- --records N` to change the size).

use corridor_core::search::{Area, Filters, Scope, SearchDoc, Titles};
use corridor_search::{Change, Place, Request, SearchIndex};
use std::time::{Duration, Instant};

const ENGLISH: &[&str] = &[
    "zone",
    "textile",
    "industrial",
    "cooperation",
    "agreement",
    "framework",
    "meeting",
    "minutes",
    "project",
    "investment",
    "steel",
    "revival",
    "study",
    "diagnostic",
    "action",
    "plan",
    "province",
    "utilities",
    "power",
    "gas",
    "water",
    "road",
    "land",
    "handover",
    "developer",
    "enterprise",
    "export",
    "garment",
    "fibre",
    "skills",
    "training",
    "exchange",
    "delegation",
    "visit",
    "report",
    "indicator",
    "target",
    "baseline",
    "employment",
    "jobs",
    "output",
    "finance",
    "disbursement",
    "commitment",
    "pledge",
    "risk",
    "mitigation",
    "milestone",
    "progress",
    "update",
    "secretariat",
    "working",
    "group",
    "joint",
    "committee",
    "chair",
    "signature",
    "consultation",
    "draft",
    "approval",
    "cabinet",
    "ministry",
    "commerce",
    "planning",
    "special",
    "economic",
    "park",
    "agro",
    "processing",
    "pharmaceutical",
    "engineering",
    "minerals",
    "mining",
    "port",
    "coastal",
    "rashakai",
    "dhabeji",
    "bostan",
    "karachi",
    "lahore",
    "peshawar",
    "beijing",
    "shaoxing",
    "keqiao",
];
const CHINESE: &[&str] = &[
    "纺织",
    "产业",
    "合作",
    "经济",
    "特区",
    "项目",
    "会议",
    "纪要",
    "投资",
    "钢铁",
    "复兴",
    "研究",
    "诊断",
    "行动",
    "计划",
    "省份",
    "电力",
    "天然气",
    "供水",
    "道路",
    "土地",
    "移交",
    "开发商",
    "企业",
    "出口",
    "服装",
    "纤维",
    "技能",
    "培训",
    "交流",
    "代表团",
    "访问",
    "报告",
    "指标",
    "目标",
    "基线",
    "就业",
    "产出",
    "融资",
    "承诺",
    "风险",
    "里程碑",
    "进展",
    "秘书处",
    "工作组",
    "联合",
    "委员会",
    "签署",
    "磋商",
    "草案",
    "批准",
    "内阁",
    "商务部",
    "农产品",
    "加工",
    "制药",
    "矿产",
    "港口",
    "沿海",
    "框架",
    "协议",
];
const URDU: &[&str] = &[
    "زون",
    "ٹیکسٹائل",
    "صنعتی",
    "تعاون",
    "معاہدہ",
    "فریم",
    "ورک",
    "اجلاس",
    "منصوبہ",
    "سرمایہ",
    "کاری",
    "اسٹیل",
    "بحالی",
    "مطالعہ",
    "تشخیصی",
    "لائحہ",
    "عمل",
    "صوبہ",
    "بجلی",
    "گیس",
    "پانی",
    "سڑک",
    "زمین",
    "حوالگی",
    "ڈویلپر",
    "برآمد",
    "ملبوسات",
    "ہنر",
    "تربیت",
    "تبادلہ",
    "وفد",
    "دورہ",
    "رپورٹ",
    "اشاریہ",
    "ہدف",
    "روزگار",
    "مالیات",
    "خطرہ",
    "پیش",
    "رفت",
    "سیکرٹریٹ",
    "کمیٹی",
    "دستخط",
    "مشاورت",
    "مسودہ",
    "منظوری",
    "کابینہ",
    "وزارت",
    "تجارت",
    "خصوصی",
    "اقتصادی",
    "رشکئی",
    "کراچی",
];

/// A small deterministic generator (xorshift), so every run indexes the same world.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let lang = rng.below(10);
    let mut s = String::new();
    for i in 0..words {
        match lang {
            0..=3 => {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(rng.pick(ENGLISH));
            }
            4..=6 => {
                s.push_str(rng.pick(CHINESE));
                if i % 6 == 5 {
                    s.push('，');
                }
            }
            _ => {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(rng.pick(URDU));
            }
        }
    }
    s
}

fn world(records: usize) -> (SearchIndex, u64) {
    let index = SearchIndex::in_memory();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut words = 0u64;
    let mut batch = index.batch();
    for i in 0..records {
        let title_words = 3 + rng.below(5);
        let text_words = 2 + rng.below(10);
        words += (title_words + text_words) as u64;
        let doc = SearchDoc {
            entity: "register_item".into(),
            id: format!("r{i}"),
            area: Area::ALL[i % Area::ALL.len()],
            kind_label: "outcome",
            title: Titles {
                en: sentence(&mut rng, title_words),
                zh: None,
                ur: None,
            },
            text: sentence(&mut rng, text_words),
            link: format!("/register/r{i}"),
            body_id: Some(format!("body-{}", i % 20)),
            owner_party_id: if i % 2 == 0 { "pk".into() } else { "cn".into() },
            visibility: ["shared", "shared", "party", "public", "restricted"][i % 5].into(),
            status: Some(["open", "done", "overdue"][i % 3].into()),
            year: Some(2019 + (i % 8) as i32),
            file: None,
        };
        batch.change(Change::Put(Box::new(doc), None)).unwrap();
    }
    batch
        .commit(Place {
            seq: records as i64,
            hash: "bench".into(),
        })
        .unwrap();
    (index, words)
}

fn queries(rng: &mut Rng) -> Vec<String> {
    let mut q = Vec::new();
    for _ in 0..60 {
        q.push(rng.pick(ENGLISH).to_owned());
        q.push(rng.pick(CHINESE).to_owned());
        q.push(rng.pick(URDU).to_owned());
    }
    for _ in 0..20 {
        q.push(format!("{} {}", rng.pick(ENGLISH), rng.pick(ENGLISH)));
        q.push(format!("{}{}", rng.pick(CHINESE), rng.pick(CHINESE)));
        q.push(format!("{} {}", rng.pick(URDU), rng.pick(URDU)));
    }
    q
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let records = args
        .iter()
        .position(|a| a == "--records")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let started = Instant::now();
    let (index, words) = world(records);
    let built = started.elapsed();
    println!(
        "indexed {records} records, {words} words in English, Chinese and Urdu, in {:.1} s ({:.0} records/s)",
        built.as_secs_f64(),
        records as f64 / built.as_secs_f64()
    );
    let mut rng = Rng(42);
    let list = queries(&mut rng);
    let scope = Scope::User {
        party_id: "pk".into(),
        member: true,
        granted: vec![],
        named: (0..50)
            .map(|i| format!("register_item:r{}", i * 5 + 4))
            .collect(),
    };
    let filters = Filters::default();
    // One warm-up pass, then five timed passes, each query timed both ways back to back.
    let (mut full, mut bare) = (Vec::new(), Vec::new());
    let mut hits = 0u64;
    for round in 0..6 {
        for q in &list {
            let t = Instant::now();
            let r = index
                .search(&Request {
                    query: q,
                    filters: &filters,
                    scope: &scope,
                    offset: 0,
                    limit: 20,
                })
                .unwrap();
            let f = t.elapsed();
            let t = Instant::now();
            let n = index.bare_query(q, 20).unwrap();
            let b = t.elapsed();
            if round > 0 {
                full.push(f);
                bare.push(b);
                hits += r.total;
            }
            std::hint::black_box(n);
        }
    }
    full.sort();
    bare.sort();
    let (fm, f99) = (percentile(&full, 0.5), percentile(&full, 0.99));
    let (bm, b99) = (percentile(&bare, 0.5), percentile(&bare, 0.99));
    println!(
        "{} queries ({} timed), {:.0} results on average",
        list.len(),
        full.len(),
        hits as f64 / full.len() as f64
    );
    println!("                          median      p99");
    println!(
        "full search (scope, facets, 20 passages)  {:>7.2} ms {:>7.2} ms",
        ms(fm),
        ms(f99)
    );
    println!(
        "bare index query (top 20)                 {:>7.2} ms {:>7.2} ms",
        ms(bm),
        ms(b99)
    );
    println!(
        "ratio full / bare                         {:>7.1}x   {:>7.1}x",
        ms(fm) / ms(bm).max(1e-6),
        ms(f99) / ms(b99).max(1e-6)
    );
    println!(
        "target: p99 under 20 ms: {}",
        if ms(f99) < 20.0 { "met" } else { "missed" }
    );
}
