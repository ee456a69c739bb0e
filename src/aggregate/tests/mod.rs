//! The aggregation stage as a specification: what one table does with the mentions it is given.

mod counting;
mod restore;
mod value;
mod window;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::fixtures::{at, dated, day, mention};
use super::*;
use crate::model::{ArticleId, DatePrecision, DiplomaticEvent, EventDate};
use crate::settings::Valid;

fn table() -> Table {
    Table::new(&Valid::documented())
}

fn updated(table: &mut Table, event: &DiplomaticEvent, seen: DateTime<Utc>) -> Update {
    match table.apply(event, seen) {
        Applied::Updated(update) => *update,
        other => panic!("expected an update, got {other:?}"),
    }
}
