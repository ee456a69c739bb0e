//! The infinitive of purpose: "the president will visit Mali and Niger to mediate" -- the
//! infinitive shares the subject of the verb before it; the object of that verb ("Mali and
//! Niger") does not act. Verbs that hand the infinitive to their object ("allowed the monitors
//! to enter", "forced the rebels to retreat") are the exception, wherever they stand between
//! the two triggers.

use crate::extract::groups::Group;
use crate::extract::tokens::Tokens;

/// Stems of verbs whose object is the subject of the infinitive after it.
const OBJECT_CONTROL: &[&str] = &[
    "allow",
    "permit",
    "forc",
    "invit",
    "help",
    "encourag",
    "persuad",
    "order",
    "tell",
    "told",
    "authori",
    "enabl",
    "compel",
    "pressur",
    "push",
    "want",
    "expect",
    "requir",
    "warn",
    "advis",
    "urg",
    "ask",
    "press",
    "call",
    "appeal",
    "lobb",
    "convinc",
    "instruct",
    "direct",
    "oblig",
    "beg",
    "challeng",
    "remind",
    "train",
    "mandat",
    "empower",
    "prompt",
    "incit",
    "get",
    "got",
    "lead",
    "led",
    "elect",
    "appoint",
    "nominat",
    "hire",
    "recruit",
    "pay",
    "paid",
    "bribe",
    "task",
    "commission",
    "assign",
    "select",
    "chose",
    "choose",
    "need",
    "prepar",
];

/// Whether the trigger starting at `first` is an infinitive of purpose after the trigger that
/// starts at `previous`: "to" right before it, and no verb between them (outside the actor
/// `groups`) that hands the act to its object ("said it would allow the WFP to deliver").
pub(super) fn is_purpose(tokens: &Tokens, groups: &[Group], first: usize, previous: usize) -> bool {
    if first <= previous + 1 || !tokens.is(first - 1, "to") {
        return false;
    }
    let in_group = |k: usize| groups.iter().any(|g| g.first <= k && k < g.last);
    let controls = |k: usize| {
        let word = tokens.text(k).to_ascii_lowercase();
        !in_group(k) && OBJECT_CONTROL.iter().any(|stem| word.starts_with(stem))
    };
    !(previous..first - 1).any(controls)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purpose(text: &str, previous: usize, first: usize) -> bool {
        is_purpose(&Tokens::new(text, 0), &[], first, previous)
    }

    #[test]
    fn a_visit_to_mediate_is_the_visitor_s_purpose() {
        // tokens: Ghana(0) will(1) visit(2) Togo(3) to(4) mediate(5)
        assert!(purpose("Ghana will visit Togo to mediate", 1, 5));
    }

    #[test]
    fn an_object_allowed_to_act_acts_itself() {
        // tokens: Kenya(0) allowed(1) monitors(2) to(3) enter(4)
        assert!(!purpose("Kenya allowed monitors to enter", 1, 4));
    }

    #[test]
    fn a_finite_verb_is_no_infinitive() {
        assert!(!purpose("Ghana met Togo and signed", 1, 4));
    }
}
