//! The demo's news for the public: a press summary of the 5th meeting that both secretariats approved and
//! that is therefore on the public page, and a Chinese draft on the January 2020 textile workshop that waits
//! for Pakistan's approval. The texts are the project's own, from the facts in `shared/seed/`.

use super::{DemoReport, key, missing};
use crate::entity::news_item;
use crate::{Store, StoreError};
use corridor_core::ids::{InstrumentId, MeetingId, NewsItemId};
use corridor_core::news::{NewNews, NewsInput};

const FIFTH: &str = "The fifth meeting of the Joint Working Group on Industrial Cooperation was held by video link \
on 15 December 2020, co-chaired by the Board of Investment of Pakistan and the National Development and Reform \
Commission of China, with line ministries, provincial governments and both embassies taking part.

China accepted the draft Framework Agreement on Industrial Cooperation that Pakistan had shared in November. Both \
sides will consult further with a view to signing it early, and the framework will be open to third parties.

The meeting reviewed progress at the Rashakai, Dhabeji, Allama Iqbal Industrial City and Bostan special economic \
zones, the revival of Pakistan Steel Mills and the young workers' exchange. The two sides agreed that industrial \
diagnosis will be carried out jointly and will end in a sector action plan put to the working group.";

const FIFTH_ZH: &str = "产业合作联合工作组第五次会议于2020年12月15日以视频方式举行，由巴基斯坦投资委员会和中国国家发展和改革委员会\
共同主持，相关部委、各省政府和两国使馆参加。

中方接受了巴方于11月提交的《产业合作框架协议》草案。双方将进一步磋商，争取早日签署，该框架将向第三方开放。

会议审议了拉沙卡伊、达贝吉、阿拉马·伊克巴尔工业城和博斯坦经济特区的进展、巴基斯坦钢铁厂的振兴以及青年工人交流。双方同意\
共同开展产业诊断，并形成行业行动计划提交工作组。";

const FIFTH_UR: &str = "صنعتی تعاون کے مشترکہ ورکنگ گروپ کا پانچواں اجلاس 15 دسمبر 2020 کو ویڈیو لنک کے ذریعے منعقد ہوا، جس کی \
مشترکہ صدارت پاکستان کے بورڈ آف انویسٹمنٹ اور چین کے قومی ترقیاتی و اصلاحاتی کمیشن نے کی۔ متعلقہ وزارتوں، صوبائی حکومتوں اور \
دونوں سفارت خانوں نے شرکت کی۔

چین نے صنعتی تعاون کے فریم ورک معاہدے کا وہ مسودہ قبول کر لیا جو پاکستان نے نومبر میں بھیجا تھا۔ دونوں فریق جلد دستخط کے لیے \
مزید مشاورت کریں گے، اور یہ فریم ورک تیسرے فریقوں کے لیے کھلا ہوگا۔

اجلاس میں رشکئی، دھابیجی، علامہ اقبال انڈسٹریل سٹی اور بوستان کے خصوصی اقتصادی زونز، پاکستان اسٹیل ملز کی بحالی اور نوجوان کارکنوں \
کے تبادلے کی پیش رفت کا جائزہ لیا گیا۔ دونوں فریقوں نے اتفاق کیا کہ صنعتی تشخیص مشترکہ طور پر کی جائے گی اور اس کا نتیجہ شعبہ جاتی \
لائحہ عمل ہوگا جو ورکنگ گروپ کو پیش کیا جائے گا۔";

const WORKSHOP: &str = "On 22 January 2020 the Board of Investment hosted a workshop on the diagnostic study of \
Pakistan's textile industry, prepared by the National Development and Reform Commission with the China \
International Engineering Consulting Corporation.

The study looks at ready-made garments, man-made fibre and skills, and lists nine zones, of which three are \
proposed as priorities.";

const WORKSHOP_ZH: &str = "2020年1月22日，巴基斯坦投资委员会举办了巴基斯坦纺织产业诊断研究研讨会。该研究由中国国家发展和改革委员会\
与中国国际工程咨询有限公司共同完成。

研究聚焦成衣、化学纤维和技能培训，列出了九个园区，并建议其中三个作为优先园区。";

/// Loads both items; an item already there is left as it is.
pub(super) async fn load(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    let pk = store.actor_of("pk.secretariat").await?;
    let cn = store.actor_of("cn.secretariat").await?;
    let meeting = MeetingId::from_key(&key("meeting", "jwg-5"));
    let fa = InstrumentId::from_key(&key("instrument", "fa"));
    let fifth = NewsItemId::from_key(&key("news", "jwg-5"));
    if missing::<news_item::Entity>(store, &fifth.to_string()).await? {
        let input = NewsInput {
            title: Some("Fifth meeting of the working group held by video link".into()),
            title_zh: Some("工作组第五次会议以视频方式举行".into()),
            title_ur: Some("ورکنگ گروپ کا پانچواں اجلاس ویڈیو لنک پر منعقد".into()),
            summary: Some(FIFTH.into()),
            summary_zh: Some(FIFTH_ZH.into()),
            summary_ur: Some(FIFTH_UR.into()),
            links: vec![format!("meeting:{meeting}"), format!("instrument:{fa}")],
            version: None,
        };
        let item = store
            .create_news(&pk, fifth, &NewNews::try_from(&input)?)
            .await?;
        store.approve_news(&pk, &item.id, 1).await?;
        store.approve_news(&cn, &item.id, 1).await?;
        report.created += 1;
    }
    let workshop = NewsItemId::from_key(&key("news", "textile-workshop"));
    if missing::<news_item::Entity>(store, &workshop.to_string()).await? {
        let input = NewsInput {
            title: Some("Workshop on the textile industry diagnostic study".into()),
            title_zh: Some("纺织产业诊断研究研讨会".into()),
            summary: Some(WORKSHOP.into()),
            summary_zh: Some(WORKSHOP_ZH.into()),
            ..Default::default()
        };
        let item = store
            .create_news(&cn, workshop, &NewNews::try_from(&input)?)
            .await?;
        store.approve_news(&cn, &item.id, 1).await?;
        report.created += 1;
    }
    Ok(())
}
