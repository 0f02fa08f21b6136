//! The portfolio as IATI activities: each project both sides share (or the public may see), as the viewer may
//! see it, with its lead organisations, money and the results of the framework it contributes to. A record
//! kept to one side never enters a file meant for publication.

use crate::access::visible;
use crate::entity::{organisation, party, project};
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::directory::OrganisationKind;
use corridor_core::iati::{
    Activity, Baseline, Figure, Indicator, Location, Narratives, Participant, Period, ResultEntry,
    Skipped, Transaction, activity_status, decimal, indicator_measure, organisation_type,
    result_type, sector, transaction_type,
};
use corridor_core::links::LinkKind;
use corridor_core::portfolio::view::{FinanceView, ProjectView};
use corridor_core::results::view::{IndicatorView, PeriodView, ResultView};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Visibilities that may be published.
const PUBLISHABLE: [&str; 2] = ["public", "shared"];

fn publishable(visibility: &str) -> bool {
    PUBLISHABLE.contains(&visibility)
}

/// The activities of a file, and the projects left out with why.
#[derive(Clone, Debug, Default)]
pub struct IatiPortfolio {
    /// One per project, by name.
    pub activities: Vec<Activity>,
    /// Projects that cannot be an IATI activity.
    pub skipped: Vec<Skipped>,
}

impl Store {
    /// Every shared or public project the viewer may see as an IATI activity whose identifier starts with
    /// `reporter_ref`.
    #[crate::boxed]
    pub async fn iati_portfolio(
        &self,
        viewer: &Viewer,
        reporter_ref: &str,
    ) -> Result<IatiPortfolio, StoreError> {
        let rows = project::Entity::find()
            .filter(visible(viewer, "projects", "project"))
            .filter(project::Column::Visibility.is_in(PUBLISHABLE))
            .order_by_asc(project::Column::Name)
            .order_by_asc(project::Column::Id)
            .all(&self.db)
            .await?;
        let leads: Vec<String> = rows
            .iter()
            .flat_map(|r| crate::meeting::parse_json_ids(&r.lead_organisation_ids))
            .collect();
        let organisations: HashMap<String, organisation::Model> = organisation::Entity::find()
            .filter(visible(viewer, "organisations", "organisation"))
            .filter(organisation::Column::Visibility.is_in(PUBLISHABLE))
            .filter(organisation::Column::Id.is_in(leads))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|o| (o.id.clone(), o))
            .collect();
        let countries: HashMap<String, String> = party::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.code))
            .collect();
        let owners: Vec<(String, String)> = rows
            .iter()
            .map(|r| (r.lead_organisation_ids.clone(), r.owner_party_id.clone()))
            .collect();
        let mut money: HashMap<String, Vec<FinanceView>> = HashMap::new();
        for f in self.all_finance(viewer).await? {
            if let Some(p) = f
                .project_id
                .clone()
                .filter(|_| publishable(&f.access.visibility))
            {
                money.entry(p).or_default().push(f);
            }
        }
        let results = self.iati_results(viewer).await?;
        let views = self.project_views(viewer, rows).await?;
        let mut out = IatiPortfolio::default();
        for (view, (lead_ids, owner)) in views.into_iter().zip(owners) {
            let participants = crate::meeting::parse_json_ids(&lead_ids)
                .iter()
                .filter_map(|id| organisations.get(id))
                .map(|o| Participant {
                    role: "2",
                    kind: OrganisationKind::ALL
                        .into_iter()
                        .find(|k| k.as_str() == o.kind)
                        .map(organisation_type),
                    name: Narratives::en(o.name.as_str()),
                })
                .chain(view.developer.iter().map(|d| Participant {
                    role: "4",
                    kind: None,
                    name: Narratives::en(d.as_str()),
                }))
                .collect();
            let contributes: Vec<ResultEntry> = results
                .iter()
                .filter(|(projects, _)| projects.contains(&view.id))
                .map(|(_, r)| r.clone())
                .collect();
            let transactions = money.remove(&view.id).unwrap_or_default();
            match activity(
                reporter_ref,
                view,
                participants,
                countries.get(&owner).cloned(),
                &transactions,
                contributes,
            ) {
                Ok(a) => out.activities.push(a),
                Err(s) => out.skipped.push(s),
            }
        }
        Ok(out)
    }

    /// Each publishable result with indicators, with the projects it names as contributing.
    async fn iati_results(
        &self,
        viewer: &Viewer,
    ) -> Result<Vec<(Vec<String>, ResultEntry)>, StoreError> {
        let framework = self.framework(viewer).await?;
        let mut nodes: Vec<&ResultView> = Vec::new();
        let mut stack: Vec<&ResultView> = framework.roots.iter().collect();
        while let Some(n) = stack.pop() {
            nodes.push(n);
            stack.extend(n.children.iter());
        }
        let mut out = Vec::new();
        for node in nodes {
            let projects: Vec<String> = node
                .contributions
                .iter()
                .filter(|l| l.kind == LinkKind::Project)
                .map(|l| l.id.clone())
                .collect();
            if projects.is_empty() || !publishable(&node.access.visibility) {
                continue;
            }
            let mut indicators = Vec::new();
            for i in &node.indicators {
                if publishable(&i.access.visibility) {
                    indicators.push(indicator(&self.indicator(viewer, &i.id).await?));
                }
            }
            if indicators.is_empty() {
                continue;
            }
            out.push((
                projects,
                ResultEntry {
                    kind: result_type(&node.level),
                    title: Narratives::with(
                        node.title.as_str(),
                        node.title_zh.clone(),
                        node.title_ur.clone(),
                    ),
                    indicators,
                },
            ));
        }
        Ok(out)
    }
}

fn indicator(i: &IndicatorView) -> Indicator {
    let qualitative = matches!(i.unit.as_str(), "qualitative" | "yes_no");
    Indicator {
        measure: indicator_measure(&i.unit),
        ascending: (!qualitative).then_some(i.direction != "lower"),
        title: Narratives::with(i.title.as_str(), i.title_zh.clone(), i.title_ur.clone()),
        baseline: i.baseline_value.as_ref().and_then(|value| {
            let date = i.baseline_on.clone();
            let year = date.as_deref()?.get(..4)?.parse().ok()?;
            Some(Baseline {
                year,
                date,
                value: value.clone(),
            })
        }),
        periods: i.periods.iter().map(period).collect(),
    }
}

/// A period's targets, and its agreed figure, or each side's figure when they have not agreed.
fn period(p: &PeriodView) -> Period {
    let actuals = match &p.agreed {
        Some(v) => vec![Figure {
            value: v.clone(),
            reported_by: None,
            comment: Some("Agreed by both parties".into()),
        }],
        None => p
            .headlines
            .iter()
            .filter_map(|h| {
                Some(Figure {
                    value: h.value.clone()?,
                    reported_by: h.party.name.clone(),
                    comment: Some("Reported by one party; not yet agreed".into()),
                })
            })
            .collect(),
    };
    Period {
        start: p.starts_on.clone(),
        end: p.ends_on.clone(),
        targets: p
            .targets
            .iter()
            .map(|t| Figure {
                value: t.value.clone(),
                reported_by: None,
                comment: None,
            })
            .collect(),
        actuals,
    }
}

fn activity(
    reporter_ref: &str,
    p: ProjectView,
    mut participants: Vec<Participant>,
    country: Option<String>,
    money: &[FinanceView],
    results: Vec<ResultEntry>,
) -> Result<Activity, Skipped> {
    let dates: Vec<(&'static str, String)> = [
        ("1", &p.planned_start),
        ("2", &p.actual_start),
        ("3", &p.planned_end),
        ("4", &p.actual_end),
    ]
    .into_iter()
    .filter_map(|(k, d)| d.clone().map(|d| (k, d)))
    .collect();
    if !dates.iter().any(|(k, _)| matches!(*k, "1" | "2")) {
        return Err(Skipped {
            name: p.name,
            reason: "it has no planned or actual start date, which IATI requires".into(),
        });
    }
    if participants.is_empty() {
        return Err(Skipped {
            name: p.name,
            reason: "no lead organisation or developer that may be published".into(),
        });
    }
    participants.sort_by_key(|x| x.role);
    let kind = p.kind.replace('_', " ");
    let mut letters = kind.chars();
    let mut description: String = letters
        .next()
        .map(|c| c.to_uppercase().chain(letters).collect())
        .unwrap_or_default();
    if let Some(province) = &p.province {
        description.push_str(&format!(" in {province}"));
    }
    if let Some(s) = &p.sector {
        description.push_str(&format!("; sector: {s}"));
    }
    if let Some(area) = p.area {
        let unit = p.area_unit.as_deref().unwrap_or("acres").replace('_', " ");
        description.push_str(&format!("; area {area} {unit}"));
    }
    description.push('.');
    Ok(Activity {
        identifier: format!("{reporter_ref}-{}", p.id),
        updated_at: p.access.updated_at.clone(),
        title: Narratives::with(p.name.as_str(), p.name_zh.clone(), p.name_ur.clone()),
        description: Narratives::en(description),
        participants,
        status: activity_status(&p.status),
        dates,
        country,
        location: p
            .latitude
            .zip(p.longitude)
            .map(|(latitude, longitude)| Location {
                name: p.province.clone().unwrap_or_else(|| p.name.clone()),
                latitude,
                longitude,
            }),
        sector: p.sector.as_deref().map(sector),
        transactions: money
            .iter()
            .map(|f| Transaction {
                kind: transaction_type(&f.kind),
                date: f.dated_on.clone(),
                value: decimal(f.amount_minor),
                currency: f.currency.clone(),
                provider: f.source.clone(),
                description: f.note.clone(),
            })
            .collect(),
        results,
    })
}
