//! Integration tests, one binary. Tests that need the test broker read its address from
//! DEMARCHE_TEST_BROKERS, which `make test` sets after starting it.

mod backpressure;
mod chaos;
mod check_config;
mod compression;
mod config;
mod daily;
mod daily_daemon;
mod dedup;
mod dedup_state;
mod e2e;
mod exactly_once;
mod extract;
mod extract_actors;
mod extract_events;
mod extract_holders;
mod faults;
mod normalize;
mod offline;
mod pipeline;
mod redrive;
mod restart;
mod schemas;
mod support;
mod vocabulary;
mod wire_constructions;
mod wire_nominal;
mod wire_phrasing;
