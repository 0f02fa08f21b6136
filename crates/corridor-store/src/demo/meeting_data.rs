//! The demo meetings' words: titles, outcomes and minutes in English and, for the 5th meeting, in Chinese.
//! All written for Corridor from the facts in `shared/seed/`; the Chinese is our own rendering, marked as a
//! courtesy translation wherever the interface shows it.

use corridor_core::meeting::MeetingAction;

pub(super) struct DemoMeeting {
    pub(super) key: &'static str,
    pub(super) number: i64,
    pub(super) title: &'static str,
    pub(super) day: &'static str,
    pub(super) hours: (&'static str, &'static str),
    pub(super) chairs: &'static [&'static str],
    /// (title, its Chinese version or empty, lead party).
    pub(super) items: &'static [(&'static str, &'static str, &'static str)],
    pub(super) state: &'static [MeetingAction],
}

pub(super) const MEETINGS: [DemoMeeting; 3] = [
    DemoMeeting {
        key: "jwg-4",
        number: 4,
        title: "4th meeting (number illustrative)",
        day: "2019-10-22",
        hours: ("10:00", "12:00"),
        chairs: &["ying"],
        items: &[
            ("Progress of the special economic zones", "", "pk"),
            ("Textile industry diagnosis", "", "cn"),
        ],
        state: &[
            MeetingAction::Convene,
            MeetingAction::Open,
            MeetingAction::Conclude,
        ],
    },
    DemoMeeting {
        key: "jwg-5",
        number: 5,
        title: "5th meeting",
        day: "2020-12-15",
        hours: ("10:00", "12:30"),
        chairs: &["khashih", "ying"],
        items: &[
            (
                "Framework Agreement on Industrial Cooperation",
                "工业合作框架协议",
                "pk",
            ),
            (
                "Joint industrial diagnosis and sector action plans",
                "联合产业诊断与行业行动计划",
                "pk",
            ),
            (
                "Industrial visits of Pakistani delegations",
                "巴基斯坦代表团产业考察",
                "pk",
            ),
            (
                "Progress of Rashakai, Dhabeji, Allama Iqbal Industrial City and Bostan zones",
                "拉沙卡伊、达贝吉、阿拉马·伊克巴尔工业城和博斯坦特区进展",
                "pk",
            ),
            (
                "Revival of Pakistan Steel Mills",
                "巴基斯坦钢铁厂复兴",
                "pk",
            ),
            (
                "China–Pakistan Young Workers Exchange and Cooperation",
                "中巴青年工人交流与合作",
                "cn",
            ),
            (
                "Karachi Coastal Comprehensive Development Zone",
                "卡拉奇沿海综合开发区",
                "pk",
            ),
        ],
        state: &[
            MeetingAction::Convene,
            MeetingAction::Open,
            MeetingAction::Conclude,
        ],
    },
    DemoMeeting {
        key: "jwg-6",
        number: 6,
        title: "6th meeting",
        day: "2022-04-08",
        hours: ("10:00", "12:30"),
        chairs: &["fareena", "ying"],
        items: &[
            ("Implementation of the signed Framework Agreement", "", "pk"),
            (
                "Cooperation with the provincial development and reform commissions of Jiangsu, Zhejiang, Shandong and Guangdong",
                "",
                "cn",
            ),
        ],
        state: &[
            MeetingAction::Convene,
            MeetingAction::Open,
            MeetingAction::Conclude,
        ],
    },
];

/// (meeting, key, kind, text, its Chinese version or empty, lead organisations, due on): notes are recorded
/// as done, the rest as open.
pub(super) type Outcome = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
);

pub(super) const OUTCOMES: &[Outcome] = &[
    (
        "jwg-4",
        "rashakai-groundbreaking",
        "note",
        "Ground-breaking of the Rashakai zone is expected next month; its development agreement is in its final stage.",
        "",
        &["kpezdmc"],
        "",
    ),
    (
        "jwg-4",
        "dhabeji-interest",
        "note",
        "Chinese companies are interested in bidding for the Dhabeji zone.",
        "",
        &["ndrc"],
        "",
    ),
    (
        "jwg-4",
        "textile-report",
        "note",
        "The textile industry diagnosis report is ready.",
        "",
        &["ndrc"],
        "",
    ),
    (
        "jwg-5",
        "fa-accepted",
        "agreement",
        "China accepts the draft Framework Agreement shared by Pakistan in early November 2020; both sides continue consultations towards signing it at the earliest.",
        "中方接受巴方于2020年11月初提交的《框架协议》草案；双方继续磋商，争取早日签署。",
        &["boi", "ndrc"],
        "2021-12-31",
    ),
    (
        "jwg-5",
        "fa-open",
        "note",
        "The Framework Agreement is open to the participation of third parties.",
        "《框架协议》对第三方参与开放。",
        &["boi"],
        "",
    ),
    (
        "jwg-5",
        "joint-diagnosis",
        "decision",
        "Industrial diagnosis is carried out jointly by experts of both sides; they submit each diagnosis report to the working group with an action plan for the sector.",
        "产业诊断由双方专家联合开展；每份诊断报告连同该行业的行动计划一并提交工作组。",
        &["boi", "ndrc"],
        "2021-12-31",
    ),
    (
        "jwg-5",
        "industrial-visits",
        "request",
        "Pakistan asks China to arrange industrial visits of Pakistani delegations, so that they see successful industrial models at first hand.",
        "巴方请中方安排巴基斯坦代表团开展产业考察，实地了解成功的产业发展模式。",
        &["boi", "ndrc"],
        "2021-06-30",
    ),
    (
        "jwg-5",
        "measurable-impact",
        "action",
        "Both sides propose indicators of measurable impact for industrial cooperation, the zones, business-to-business and people-to-people collaboration.",
        "双方就产业合作、经济特区、企业间合作和人文交流提出可衡量成效的指标。",
        &["pmu", "ndrc"],
        "2021-06-30",
    ),
];

/// The 5th meeting's minutes as Pakistan circulated them, item by item: English and Chinese.
pub(super) const MINUTES: [(&str, &str); 4] = [
    (
        "Pakistan presented the draft Framework Agreement on Industrial Cooperation, prepared with all provinces and stakeholders and approved by the Prime Minister, and shared with NDRC in early November 2020. China accepted the draft. The framework is open to third-party participation.",
        "巴方介绍了《工业合作框架协议》草案。该草案经与各省及相关方磋商拟定，已获总理批准，并于2020年11月初提交国家发展改革委。中方接受该草案。该框架对第三方参与开放。",
    ),
    (
        "Pakistan asked that industrial diagnosis be carried out jointly by experts of both sides, each report reaching the working group with an action plan for its sector. China welcomed the proposal.",
        "巴方提议由双方专家联合开展产业诊断，每份诊断报告连同该行业的行动计划提交工作组。中方对此表示欢迎。",
    ),
    (
        "Pakistan asked China to arrange industrial visits of Pakistani delegations to successful industrial models in China.",
        "巴方请中方安排巴基斯坦代表团赴华考察成功的产业发展典范。",
    ),
    (
        "Both sides reviewed progress at Rashakai, Dhabeji, Allama Iqbal Industrial City and Bostan.",
        "双方审议了拉沙卡伊、达贝吉、阿拉马·伊克巴尔工业城和博斯坦特区的进展情况。",
    ),
];

/// China's redlines on the first item, one per language; Pakistan accepts both.
pub(super) const REDLINES: [(&str, &str); 2] = [
    (
        "en",
        "Pakistan presented the draft Framework Agreement on Industrial Cooperation, prepared with all provinces and stakeholders and approved by the Prime Minister, and shared with NDRC in early November 2020. China accepted the draft, and both sides agreed to continue consultations for its signing at the earliest. The framework is open to third-party participation.",
    ),
    (
        "zh",
        "巴方介绍了《工业合作框架协议》草案。该草案经与各省及相关方磋商拟定，已获总理批准，并于2020年11月初提交国家发展改革委。中方接受该草案，双方同意继续磋商，争取早日签署。该框架对第三方参与开放。",
    ),
];

/// Agenda items that discuss another record: (meeting-item, kind, key). Both meetings' Framework Agreement items
/// discuss the instrument; the 5th meeting's joint diagnosis follows the 2019 note that the textile report was
/// ready; the 6th meeting's first item follows the acceptance of the draft.
pub(super) const AGENDA_LINKS: [(&str, &str, &str); 11] = [
    ("jwg-5-0", "instrument", "fa"),
    ("jwg-5-3", "project", "rashakai"),
    ("jwg-5-3", "project", "dhabeji"),
    ("jwg-5-3", "project", "aiic"),
    ("jwg-5-3", "project", "bostan"),
    ("jwg-5-4", "project", "psm"),
    ("jwg-5-5", "project", "young-workers"),
    ("jwg-5-6", "project", "kccdz"),
    ("jwg-5-1", "register_item", "textile-report"),
    ("jwg-6-0", "register_item", "fa-accepted"),
    ("jwg-6-0", "instrument", "fa"),
];
