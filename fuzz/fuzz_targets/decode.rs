//! Message bytes -> the decoding step of normalization: size cap, UTF-8, JSON or plain text.
//!
//! Besides not panicking, a decoded message always carries some text: blank bodies are
//! `empty_body` dead letters.

#![no_main]

use demarche::normalize::decode::decode;
use demarche::normalize::{NormalizeConfig, RawBody};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|payload: &[u8]| {
    let limit = NormalizeConfig::default().max_message_bytes;
    if let Ok(raw) = decode(payload, limit) {
        let (RawBody::Text(body) | RawBody::Html(body)) = &raw.body;
        assert!(!body.trim().is_empty(), "decoded a blank body");
    }
});
