//! Reading business-to-business records as the viewer may see them, one company's or all of them, with the
//! investment pipeline: intentions counted by where they stand, amounts kept per currency.

use super::stages_of;
use crate::access::{Audited, visible};
use crate::directory::{Named, Table, access_view, parse_id, unnamed};
use crate::entity::{business_mou, company, intention, matchmaking};
use crate::meeting::parse_json_ids;
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::business::IntentionStatus;
use corridor_core::business::view::{
    BusinessMouView, BusinessOverview, CompanyView, IntentionView, MatchmakingView, PipelineRow,
    StageView,
};
use corridor_core::dates::format_date;
use corridor_core::language::Translations;
use corridor_core::portfolio::finance::format_amount;
use corridor_core::view::Ref;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;

/// Every view of the business page, so their references get names in one batch.
enum Any {
    Company(CompanyView),
    Matchmaking(MatchmakingView),
    Mou(BusinessMouView),
    Intention(IntentionView),
}

impl Named for Any {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        match self {
            Any::Company(c) => vec![
                (Table::Parties, &mut c.access.owner_party),
                (Table::Parties, &mut c.party),
            ],
            Any::Matchmaking(m) => {
                let mut r = vec![(Table::Parties, &mut m.access.owner_party)];
                r.extend(m.companies.iter_mut().map(|c| (Table::Companies, c)));
                r.extend(m.exchange.as_mut().map(|x| (Table::Exchanges, x)));
                r.extend(m.meeting.as_mut().map(|x| (Table::Meetings, x)));
                r
            }
            Any::Mou(m) => {
                let mut r = vec![(Table::Parties, &mut m.access.owner_party)];
                r.extend(m.companies.iter_mut().map(|c| (Table::Companies, c)));
                r
            }
            Any::Intention(i) => {
                let mut r = vec![
                    (Table::Parties, &mut i.access.owner_party),
                    (Table::Companies, &mut i.company),
                ];
                r.extend(i.project.as_mut().map(|p| (Table::Projects, p)));
                r
            }
        }
    }
}

fn value(amount: Option<i64>, currency: Option<&String>) -> Option<String> {
    Some(format!("{} {}", currency?, format_amount(amount?)))
}

fn refs(raw: &str) -> Vec<Ref> {
    parse_json_ids(raw).iter().map(|c| unnamed(c)).collect()
}

impl Store {
    async fn named(&self, viewer: &Viewer, mut all: Vec<Any>) -> Result<Vec<Any>, StoreError> {
        self.fill_names(viewer, &mut all).await?;
        // A company the viewer may not see is left out rather than shown without a name.
        for a in &mut all {
            match a {
                Any::Matchmaking(m) => m.companies.retain(|c| c.name.is_some()),
                Any::Mou(m) => m.companies.retain(|c| c.name.is_some()),
                _ => {}
            }
        }
        Ok(all)
    }

    async fn company_view(&self, viewer: &Viewer, m: company::Model) -> Result<Any, StoreError> {
        let access = access_view::<company::Entity>(
            &self.db,
            viewer,
            &m,
            m.version,
            m.created_at,
            m.updated_at,
        )
        .await?;
        let tr = Translations::from_json(&m.translations);
        Ok(Any::Company(CompanyView {
            party: unnamed(&m.party_id),
            id: m.id,
            name: m.name,
            name_zh: tr.zh,
            name_ur: tr.ur,
            sector: m.sector,
            size: m.size,
            city: m.city,
            access,
        }))
    }

    async fn matchmaking_view(
        &self,
        viewer: &Viewer,
        m: matchmaking::Model,
    ) -> Result<Any, StoreError> {
        let access = access_view::<matchmaking::Entity>(
            &self.db,
            viewer,
            &m,
            m.version,
            m.created_at,
            m.updated_at,
        )
        .await?;
        Ok(Any::Matchmaking(MatchmakingView {
            held_on: format_date(m.held_on),
            companies: refs(&m.company_ids),
            exchange: m.exchange_id.as_deref().map(unnamed),
            meeting: m.meeting_id.as_deref().map(unnamed),
            id: m.id,
            place: m.place,
            topic: m.topic,
            outcome: m.outcome,
            access,
        }))
    }

    async fn mou_view(&self, viewer: &Viewer, m: business_mou::Model) -> Result<Any, StoreError> {
        let access = access_view::<business_mou::Entity>(
            &self.db,
            viewer,
            &m,
            m.version,
            m.created_at,
            m.updated_at,
        )
        .await?;
        Ok(Any::Mou(BusinessMouView {
            signed_on: format_date(m.signed_on),
            companies: refs(&m.company_ids),
            value: value(m.amount_minor, m.currency.as_ref()),
            id: m.id,
            title: m.title,
            matchmaking_id: m.matchmaking_id,
            sector: m.sector,
            access,
        }))
    }

    async fn intention_view(
        &self,
        viewer: &Viewer,
        m: intention::Model,
    ) -> Result<Any, StoreError> {
        let access = access_view::<intention::Entity>(
            &self.db,
            viewer,
            &m,
            m.version,
            m.created_at,
            m.updated_at,
        )
        .await?;
        Ok(Any::Intention(IntentionView {
            stages: stages_of(&m)
                .into_iter()
                .map(|s| StageView {
                    status: s.status.as_str().to_owned(),
                    on: format_date(s.on),
                })
                .collect(),
            value: value(m.amount_minor, m.currency.as_ref()),
            company: unnamed(&m.company_id),
            project: m.project_id.as_deref().map(unnamed),
            id: m.id,
            sector: m.sector,
            amount_minor: m.amount_minor,
            currency: m.currency,
            status: m.status,
            notes: m.notes,
            access,
        }))
    }

    /// A visible row of `E` by id, answering a missing or hidden one alike.
    async fn visible_row<E: Audited>(
        &self,
        viewer: &Viewer,
        entity: &'static str,
        id: &str,
    ) -> Result<E::Model, StoreError> {
        let id: uuid::Uuid = parse_id(entity, id)?;
        E::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity })
    }

    /// One view with its names filled.
    async fn named_one(&self, viewer: &Viewer, v: Any) -> Result<Any, StoreError> {
        self.named(viewer, vec![v])
            .await?
            .pop()
            .ok_or(StoreError::NotFound { entity: "record" })
    }

    /// One company.
    #[crate::boxed]
    pub async fn company(&self, viewer: &Viewer, id: &str) -> Result<CompanyView, StoreError> {
        let m = self
            .visible_row::<company::Entity>(viewer, "company", id)
            .await?;
        let v = self.company_view(viewer, m).await?;
        match self.named_one(viewer, v).await? {
            Any::Company(c) => Ok(c),
            _ => Err(StoreError::NotFound { entity: "company" }),
        }
    }

    /// One matchmaking meeting.
    #[crate::boxed]
    pub async fn matchmaking(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<MatchmakingView, StoreError> {
        let m = self
            .visible_row::<matchmaking::Entity>(viewer, "matchmaking", id)
            .await?;
        let v = self.matchmaking_view(viewer, m).await?;
        match self.named_one(viewer, v).await? {
            Any::Matchmaking(c) => Ok(c),
            _ => Err(StoreError::NotFound {
                entity: "matchmaking",
            }),
        }
    }

    /// One business memorandum.
    #[crate::boxed]
    pub async fn business_mou(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<BusinessMouView, StoreError> {
        let m = self
            .visible_row::<business_mou::Entity>(viewer, "business_mou", id)
            .await?;
        let v = self.mou_view(viewer, m).await?;
        match self.named_one(viewer, v).await? {
            Any::Mou(c) => Ok(c),
            _ => Err(StoreError::NotFound {
                entity: "business_mou",
            }),
        }
    }

    /// One investment intention.
    #[crate::boxed]
    pub async fn intention(&self, viewer: &Viewer, id: &str) -> Result<IntentionView, StoreError> {
        let m = self
            .visible_row::<intention::Entity>(viewer, "investment_intention", id)
            .await?;
        let v = self.intention_view(viewer, m).await?;
        match self.named_one(viewer, v).await? {
            Any::Intention(c) => Ok(c),
            _ => Err(StoreError::NotFound {
                entity: "investment_intention",
            }),
        }
    }

    /// Everything business-to-business the viewer may see, or only what concerns one company.
    #[crate::boxed]
    pub async fn business_overview(
        &self,
        viewer: &Viewer,
        company_id: Option<&str>,
    ) -> Result<BusinessOverview, StoreError> {
        let names =
            |raw: &str| company_id.is_none_or(|c| parse_json_ids(raw).iter().any(|x| x == c));
        let mut all = Vec::new();
        for m in company::Entity::find()
            .filter(visible(viewer, "companies", "company"))
            .order_by_asc(company::Column::Name)
            .all(&self.db)
            .await?
        {
            if company_id.is_none_or(|c| c == m.id) {
                all.push(self.company_view(viewer, m).await?);
            }
        }
        for m in matchmaking::Entity::find()
            .filter(visible(viewer, "matchmakings", "matchmaking"))
            .order_by_desc(matchmaking::Column::HeldOn)
            .all(&self.db)
            .await?
        {
            if names(&m.company_ids) {
                all.push(self.matchmaking_view(viewer, m).await?);
            }
        }
        for m in business_mou::Entity::find()
            .filter(visible(viewer, "business_mous", "business_mou"))
            .order_by_desc(business_mou::Column::SignedOn)
            .all(&self.db)
            .await?
        {
            if names(&m.company_ids) {
                all.push(self.mou_view(viewer, m).await?);
            }
        }
        let mut q = intention::Entity::find().filter(visible(
            viewer,
            "investment_intentions",
            "investment_intention",
        ));
        if let Some(c) = company_id {
            q = q.filter(intention::Column::CompanyId.eq(c));
        }
        for m in q
            .order_by_desc(intention::Column::StatedOn)
            .all(&self.db)
            .await?
        {
            all.push(self.intention_view(viewer, m).await?);
        }
        let mut out = BusinessOverview {
            companies: vec![],
            matchmakings: vec![],
            mous: vec![],
            intentions: vec![],
            pipeline: vec![],
        };
        for a in self.named(viewer, all).await? {
            match a {
                Any::Company(c) => out.companies.push(c),
                Any::Matchmaking(m) => out.matchmakings.push(m),
                Any::Mou(m) => out.mous.push(m),
                Any::Intention(i) => out.intentions.push(i),
            }
        }
        out.pipeline = pipeline(&out.intentions);
        Ok(out)
    }
}

/// Intentions by the status they are at now, with their amounts summed per currency (never across).
fn pipeline(intentions: &[IntentionView]) -> Vec<PipelineRow> {
    IntentionStatus::ALL
        .iter()
        .map(|s| {
            let at: Vec<&IntentionView> = intentions
                .iter()
                .filter(|i| i.status == s.as_str())
                .collect();
            let mut sums: BTreeMap<&str, i64> = BTreeMap::new();
            for i in &at {
                if let (Some(a), Some(c)) = (i.amount_minor, i.currency.as_deref()) {
                    let e = sums.entry(c).or_default();
                    *e = e.saturating_add(a);
                }
            }
            PipelineRow {
                status: s.as_str().to_owned(),
                count: at.len(),
                amounts: sums
                    .into_iter()
                    .map(|(c, a)| format!("{c} {}", format_amount(a)))
                    .collect(),
            }
        })
        .collect()
}
