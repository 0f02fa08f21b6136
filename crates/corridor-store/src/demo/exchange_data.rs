//! The demo's exchange and business data. Everything here is illustrative and marked so: the seed names no
//! delegate, company or amount.

/// (key, party, name, Chinese name, sector, size, city).
pub(super) const COMPANIES: [(&str, &str, &str, &str, &str, &str, &str); 4] = [
    (
        "lahore-denim",
        "pk",
        "Lahore Denim Mills (illustrative)",
        "拉合尔牛仔布厂（示例）",
        "textiles",
        "large",
        "Lahore",
    ),
    (
        "faisalabad-knit",
        "pk",
        "Faisalabad Knitwear Cooperative (illustrative)",
        "费萨拉巴德针织合作社（示例）",
        "textiles",
        "small",
        "Faisalabad",
    ),
    (
        "jiangsu-garment",
        "cn",
        "Jiangsu Garment Group (illustrative)",
        "江苏服装集团（示例）",
        "textiles",
        "large",
        "Suzhou",
    ),
    (
        "zhejiang-fibre",
        "cn",
        "Zhejiang Fibre Technology (illustrative)",
        "浙江化纤科技（示例）",
        "man-made fibre",
        "medium",
        "Shaoxing",
    ),
];

/// (key, name, position, organisation, gender, host's decision, reason).
pub(super) const NOMINEES: [(&str, &str, &str, &str, &str, &str, &str); 4] = [
    (
        "visit-zones",
        "Ayesha Malik (illustrative)",
        "Director, Special Economic Zones",
        "boi",
        "female",
        "approved",
        "",
    ),
    (
        "visit-pmu",
        "Imran Qureshi (illustrative)",
        "Deputy Project Director, PMU-IC",
        "pmu",
        "male",
        "approved",
        "",
    ),
    (
        "visit-textile",
        "Rabia Khan (illustrative)",
        "Deputy Secretary, Textile Wing",
        "moip",
        "female",
        "approved",
        "",
    ),
    (
        "visit-late",
        "Farhan Ali (illustrative)",
        "Section Officer",
        "moip",
        "male",
        "declined",
        "The Suzhou plant visit takes at most three guests; please nominate again for the next visit (illustrative).",
    ),
];

/// (key, day, time, kind of site, site, project, company, notes).
type Stop = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// The host's programme.
pub(super) const PROGRAMME: [Stop; 3] = [
    (
        "suzhou-park",
        "2023-05-16",
        "09:30",
        "zone",
        "Suzhou Industrial Park administration (illustrative)",
        "",
        "",
        "One-window services and standard factory buildings.",
    ),
    (
        "garment-plant",
        "2023-05-17",
        "10:00",
        "company",
        "Jiangsu Garment Group, Suzhou plant (illustrative)",
        "",
        "jiangsu-garment",
        "How lines are moved between provinces; matchmaking with Lahore Denim Mills in the afternoon.",
    ),
    (
        "keqiao",
        "2023-05-18",
        "14:00",
        "zone",
        "Keqiao textile cluster, Shaoxing (illustrative)",
        "",
        "",
        "Man-made fibre supply and dyeing standards.",
    ),
];

/// A stage an intention reached: (status, on).
type Stages = &'static [(&'static str, &'static str)];

/// (key, company, zone, sector, amount in USD, stated on, later stages).
pub(super) const INTENTIONS: [(&str, &str, &str, &str, &str, &str, Stages); 2] = [
    (
        "garment-aiic",
        "jiangsu-garment",
        "aiic",
        "textiles",
        "25,000,000",
        "2023-05-17",
        &[("agreement", "2023-09-12"), ("land_allotted", "2024-02-01")],
    ),
    (
        "fibre-rashakai",
        "zhejiang-fibre",
        "rashakai",
        "man-made fibre",
        "40,000,000",
        "2022-04-08",
        &[],
    ),
];
