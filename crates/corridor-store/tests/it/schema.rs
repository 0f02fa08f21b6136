//! The schema's own rules: a foreign key is how a record finds its children (a project's milestones, a study's
//! experts), so each one leads an index; without it, a project's page scanned every milestone, update, finance
//! line and risk of the portfolio (about 150 ms in the benchmark suite's world). Keys that name a party are
//! exempt: there are a handful of parties and no list reads every record of one through that column.

use corridor_store::testing::each_backend;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// `(table, column, table it refers to)` for each foreign key whose first column leads no index.
const UNINDEXED_SQLITE: &str = r#"
SELECT m.name AS tbl, f."from" AS col, f."table" AS target
FROM sqlite_master m, pragma_foreign_key_list(m.name) f
WHERE m.type = 'table'
  AND f.seq = 0
  AND NOT EXISTS (
    SELECT 1 FROM pragma_index_list(m.name) il, pragma_index_info(il.name) ii
    WHERE ii.seqno = 0 AND ii.name = f."from")
ORDER BY 1, 2"#;

const UNINDEXED_POSTGRES: &str = r"
SELECT c.conrelid::regclass::text AS tbl, a.attname::text AS col, c.confrelid::regclass::text AS target
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
WHERE c.contype = 'f'
  AND c.connamespace = current_schema()::regnamespace
  AND NOT EXISTS (
    SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
ORDER BY 1, 2";

#[tokio::test]
async fn every_foreign_key_leads_an_index_unless_it_names_a_party() {
    for db in each_backend().await {
        let conn = db.store.connection();
        let sql = match conn.get_database_backend() {
            DbBackend::Sqlite => UNINDEXED_SQLITE,
            _ => UNINDEXED_POSTGRES,
        };
        let missing: Vec<String> = conn
            .query_all_raw(Statement::from_string(conn.get_database_backend(), sql))
            .await
            .unwrap()
            .iter()
            .map(|r| {
                let get = |c: &str| r.try_get::<String>("", c).unwrap();
                (get("tbl"), get("col"), get("target"))
            })
            .filter(|(_, _, target)| target != "parties")
            .map(|(t, c, target)| format!("{t}.{c} → {target}"))
            .collect();
        assert!(
            missing.is_empty(),
            "{}: foreign keys without an index: {missing:#?}",
            db.label
        );
    }
}
