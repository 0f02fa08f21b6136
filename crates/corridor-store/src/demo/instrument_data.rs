//! The demo instruments' words: the 2018 MoU and the Framework Agreement on Industrial Cooperation, in
//! Pakistan's draft and in the agreed text, in English and Chinese. The clauses are written for Corridor from
//! what `shared/seed/` reports (joint diagnosis, industrial visits, the opening to third parties); they are
//! not the real treaty text.

pub(super) const MOU_EN: &str = "[a1] Paragraph 1: Purpose
The Participants intend to deepen industrial cooperation under the China–Pakistan Economic Corridor.
[a2] Paragraph 2: Working group
The Participants will set up a Joint Working Group on Industrial Cooperation under the Joint Cooperation Committee.
[a3] Paragraph 3: Further instruments
The Participants may elevate this Memorandum into a framework agreement.";

pub(super) const MOU_ZH: &str = "[a1] 第一段：目的
双方有意在中巴经济走廊框架下深化产业合作。
[a2] 第二段：工作组
双方将在联合合作委员会下设立产业合作联合工作组。
[a3] 第三段：后续文件
双方可将本谅解备忘录提升为框架协议。";

pub(super) const DRAFT_EN: &str = "[p1] Part I: General provisions
[a1] Article 1: Objectives
The Parties shall promote industrial cooperation under the China–Pakistan Economic Corridor, including the relocation of industries, joint ventures and the development of special economic zones.
[a2] Article 2: Areas of cooperation
The Parties shall cooperate in textiles, agro-processing, pharmaceuticals, engineering goods and minerals, and in other sectors the Joint Working Group may agree.
[p2] Part II: Institutional arrangements
[a3] Article 3: Joint Working Group
The Joint Working Group on Industrial Cooperation shall oversee the implementation of this Agreement and meet at least once a year.
[a4] Article 4: Industrial diagnosis
The Parties shall carry out industrial diagnosis of priority sectors and share the results.
[p3] Part III: Final provisions
[a5] Article 5: Participation of third parties
This Agreement shall be open to the participation of third parties with the consent of both Parties.
[a6] Article 6: Entry into force
This Agreement shall enter into force on the date of the later notification by which the Parties inform each other that their internal procedures are complete.";

pub(super) const DRAFT_ZH: &str = "[p1] 第一部分：总则
[a1] 第一条：目标
双方应在中巴经济走廊框架下促进产业合作，包括产业转移、合资经营和经济特区建设。
[a2] 第二条：合作领域
双方应在纺织、农产品加工、制药、工程产品和矿产等领域，以及联合工作组商定的其他领域开展合作。
[p2] 第二部分：机制安排
[a3] 第三条：联合工作组
产业合作联合工作组负责监督本协议的执行，每年至少举行一次会议。
[a4] 第四条：产业诊断
双方应对重点行业开展产业诊断并分享结果。
[p3] 第三部分：最后条款
[a5] 第五条：第三方参与
经双方同意，本协议对第三方参与开放。
[a6] 第六条：生效
本协议自双方相互通知已完成各自国内程序之日中较晚一日起生效。";

pub(super) const AGREED_EN: &str = "[p1] Part I: General provisions
[a1] Article 1: Objectives
The Parties shall promote industrial cooperation under the China–Pakistan Economic Corridor on the basis of mutual benefit, including the relocation of industries, joint ventures and the development of special economic zones.
[a2] Article 2: Areas of cooperation
The Parties shall cooperate in textiles, agro-processing, pharmaceuticals, engineering goods and minerals, and in other sectors the Joint Working Group may agree.
[p2] Part II: Institutional arrangements
[a3] Article 3: Joint Working Group
The Joint Working Group on Industrial Cooperation shall oversee the implementation of this Agreement and meet at least once a year.
[a4] Article 4: Joint industrial diagnosis
Experts of both Parties shall carry out industrial diagnosis of priority sectors jointly; each diagnosis report shall be submitted to the Joint Working Group with an action plan for the sector.
[a7] Article 5: Industrial visits
The Parties shall facilitate industrial visits of delegations to successful industrial models in each other's country.
[p3] Part III: Final provisions
[a5] Article 6: Participation of third parties
This Agreement shall be open to the participation of third parties with the consent of both Parties.
[a6] Article 7: Entry into force
This Agreement shall enter into force on the date of the later notification by which the Parties inform each other that their internal procedures are complete.";

pub(super) const AGREED_ZH: &str = "[p1] 第一部分：总则
[a1] 第一条：目标
双方应在中巴经济走廊框架下，本着互利原则促进产业合作，包括产业转移、合资经营和经济特区建设。
[a2] 第二条：合作领域
双方应在纺织、农产品加工、制药、工程产品和矿产等领域，以及联合工作组商定的其他领域开展合作。
[p2] 第二部分：机制安排
[a3] 第三条：联合工作组
产业合作联合工作组负责监督本协议的执行，每年至少举行一次会议。
[a4] 第四条：联合产业诊断
双方专家应联合开展重点行业产业诊断；每份诊断报告连同该行业的行动计划提交联合工作组。
[a7] 第五条：产业考察
双方应为代表团赴对方国家考察成功的产业发展模式提供便利。
[p3] 第三部分：最后条款
[a5] 第六条：第三方参与
经双方同意，本协议对第三方参与开放。
[a6] 第七条：生效
本协议自双方相互通知已完成各自国内程序之日中较晚一日起生效。";

/// The provinces' answers: (key, organisation, position, date, comments).
pub(super) const PROVINCES: [(&str, &str, &str, &str, &str); 4] = [
    (
        "punjab",
        "punjab",
        "comments",
        "2020-09-28",
        "[a2] Name light engineering and agro-processing clusters, where Punjab has most of its firms.",
    ),
    (
        "sindh",
        "sindh",
        "comments",
        "2020-10-02",
        "[a1] Name the special economic zones in Sindh, Dhabeji first.\n[a4] Diagnosis should be done jointly, by experts of both sides, each report with an action plan.",
    ),
    ("kp", "kp", "no_objection", "2020-09-30", ""),
    (
        "balochistan",
        "balochistan",
        "comments",
        "2020-10-08",
        "[a3] Provinces should be represented in the Joint Working Group.",
    ),
];

/// What Pakistan did with each comment: (response, comment index, taken up, reason).
pub(super) const TAKEN_UP: [(&str, usize, bool, &str); 4] = [
    (
        "punjab",
        0,
        false,
        "Covered by the sectors the Joint Working Group may agree; named sectors stay few.",
    ),
    (
        "sindh",
        0,
        false,
        "Zones are followed in the portfolio, not named in the Agreement.",
    ),
    (
        "sindh",
        1,
        true,
        "Article 4 now provides for joint diagnosis by experts of both sides, with an action plan.",
    ),
    (
        "balochistan",
        0,
        false,
        "Provinces attend the working group as members of Pakistan's delegation.",
    ),
];
