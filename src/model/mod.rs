//! The data that flows through demarche: articles in, diplomatic events out.
//!
//! These types are the versioned contracts of `schemas/`; their serde form is the wire form.

mod article;
mod event;
mod ids;
mod position;

pub use article::{Article, DatePrecision};
pub use event::{
    ActorRef, ArticleRef, CameoRef, CoderInfo, DiplomaticEvent, EventDate, Evidence, Location,
    PloverRef, TriggerSpan,
};
pub use ids::{ArticleId, EventId};
pub use position::Position;
