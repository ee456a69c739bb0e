//! The published JSON Schemas describe what demarche actually reads and writes.

use serde_json::Value;

use crate::e2e::valid_payloads;
use crate::support::daemon::extract;

fn schema(name: &str) -> jsonschema::Validator {
    let path = format!("{}/schemas/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("schema file");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema is a valid JSON Schema")
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match its schema: {errors:?}\n{instance}"
    );
}

#[test]
fn the_fixture_articles_match_the_input_schema() {
    let validator = schema("article.schema.json");
    for payload in valid_payloads() {
        if let Ok(article) = serde_json::from_slice::<Value>(&payload) {
            assert_valid(&validator, &article, "a fixture article");
        }
    }
}

#[test]
fn every_coded_event_matches_the_output_schema() {
    let validator = schema("event.schema.json");
    let fixtures = format!(
        "{}/tests/fixtures/e2e/articles.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = extract(None, &["--input", &fixtures], &[], b"");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let events: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("event JSON"))
        .collect();
    assert!(!events.is_empty(), "the fixtures must code to events");
    for event in &events {
        assert_valid(&validator, event, "an event");
    }
}
