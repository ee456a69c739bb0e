//! The CAMEO actor code as a value: a head of three characters (a state's ISO alpha-3 code, or
//! IGO, NGO or IMG for an international organisation, a non-governmental one or a transnational
//! armed group), optionally followed by roles of three characters each ("JPN", "JPNGOV",
//! "RUSMIL", "IGOUNO", "IGOG20"). An agent code alone ("GOV", "MIL") is a code too: the
//! government or the military of no known state. Checked once where the dictionaries load; past
//! that a code is always well formed, is copied rather than cloned, and is asked about its
//! country, its agent or its kind by name instead of by string prefix.

use std::fmt;

/// Characters in one part of a code (the head, each role).
const PART: usize = 3;

/// Parts a code may have: its head and up to three roles.
const MAX_PARTS: usize = 4;

/// A CAMEO actor code ("JPNGOV", "IGOUNO", "MIL").
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorCode {
    /// The characters, zero-padded after `len` (so that the order is the codes' text order).
    bytes: [u8; PART * MAX_PARTS],
    len: u8,
}

/// Why a text is not an actor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not 3, 6, 9 or 12 characters.
    Length,
    /// A character that is neither an upper-case ASCII letter nor a digit.
    Character,
}

/// A text that is not an actor code, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("actor code {code:?} {}", match problem {
    Problem::Length => "must be 3 characters, or 3 followed by up to three roles of 3",
    Problem::Character => "must be upper-case letters and digits only",
})]
pub struct ActorCodeError {
    /// The text that was read.
    pub code: String,
    /// What is wrong with it.
    pub problem: Problem,
}

impl ActorCode {
    /// Government (GOV).
    pub const GOV: Self = Self::of("GOV");
    /// Military (MIL).
    pub const MIL: Self = Self::of("MIL");
    /// Police and other security forces (COP).
    pub const COP: Self = Self::of("COP");
    /// Judiciary (JUD).
    pub const JUD: Self = Self::of("JUD");
    /// Political opposition and protesters (OPP).
    pub const OPP: Self = Self::of("OPP");
    /// Rebels (REB).
    pub const REB: Self = Self::of("REB");
    /// Insurgents (INS).
    pub const INS: Self = Self::of("INS");
    /// Civilians (CVL).
    pub const CVL: Self = Self::of("CVL");
    /// Business (BUS).
    pub const BUS: Self = Self::of("BUS");
    /// Media (MED).
    pub const MED: Self = Self::of("MED");
    /// Legislature (LEG).
    pub const LEG: Self = Self::of("LEG");
    /// Labour (LAB).
    pub const LAB: Self = Self::of("LAB");
    /// Education (EDU).
    pub const EDU: Self = Self::of("EDU");
    /// Health (HLH).
    pub const HLH: Self = Self::of("HLH");
    /// Criminals (CRM).
    pub const CRM: Self = Self::of("CRM");
    /// Intelligence services (SPY).
    pub const SPY: Self = Self::of("SPY");
    /// Refugees (REF).
    pub const REF: Self = Self::of("REF");
    /// Elites: former officials (ELI).
    pub const ELI: Self = Self::of("ELI");

    /// The head of an intergovernmental organisation's code.
    pub const IGO: Self = Self::of("IGO");
    /// The head of a non-governmental organisation's code.
    pub const NGO: Self = Self::of("NGO");
    /// The head of a transnational armed group's code.
    pub const IMG: Self = Self::of("IMG");
    /// The United Nations.
    pub const IGOUNO: Self = Self::of("IGOUNO");

    /// The agent codes a state's code may carry (CONVENTIONS.md "Actor codes").
    pub const AGENTS: [Self; 17] = [
        Self::GOV,
        Self::MIL,
        Self::COP,
        Self::JUD,
        Self::OPP,
        Self::REB,
        Self::INS,
        Self::CVL,
        Self::BUS,
        Self::MED,
        Self::LEG,
        Self::LAB,
        Self::EDU,
        Self::HLH,
        Self::CRM,
        Self::SPY,
        Self::REF,
    ];

    /// The code `text` spells, if it is one.
    pub fn parse(text: &str) -> Result<Self, ActorCodeError> {
        Self::check(text).map_err(|problem| ActorCodeError {
            code: text.to_owned(),
            problem,
        })
    }

    /// A code written in the program; an invalid one stops compilation where it is a constant.
    pub const fn of(text: &str) -> Self {
        match Self::check(text) {
            Ok(code) => code,
            Err(_) => panic!("not an actor code"),
        }
    }

    const fn check(text: &str) -> Result<Self, Problem> {
        let bytes = text.as_bytes();
        if bytes.is_empty() || bytes.len() % PART != 0 || bytes.len() > PART * MAX_PARTS {
            return Err(Problem::Length);
        }
        let mut out = [0u8; PART * MAX_PARTS];
        let mut i = 0;
        while i < bytes.len() {
            if !(bytes[i].is_ascii_uppercase() || bytes[i].is_ascii_digit()) {
                return Err(Problem::Character);
            }
            out[i] = bytes[i];
            i += 1;
        }
        // At most 12: the length fits.
        #[allow(clippy::cast_possible_truncation)]
        let len = bytes.len() as u8;
        Ok(Self { bytes: out, len })
    }

    /// The part of the code at `index` (0 is the head); no check, the parts of a valid code are
    /// valid codes.
    fn part(self, index: usize) -> Self {
        let mut bytes = [0u8; PART * MAX_PARTS];
        bytes[..PART].copy_from_slice(&self.bytes[index * PART..(index + 1) * PART]);
        Self {
            bytes,
            len: PART as u8,
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters and digits are ever stored.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }

    /// How many parts the code has: 1 for "JPN", 2 for "JPNGOV".
    pub fn parts(self) -> usize {
        usize::from(self.len) / PART
    }

    /// Whether the code is one part of letters only: the shape of an ISO 3166-1 alpha-3 code.
    pub fn is_alpha3(self) -> bool {
        self.parts() == 1 && self.as_str().bytes().all(|b| b.is_ascii_uppercase())
    }

    /// The head: the state ("JPN" of "JPNGOV") or the kind of body ("IGO" of "IGOUNO").
    pub fn head(self) -> Self {
        self.part(0)
    }

    /// The role of a code of two parts ("GOV" of "JPNGOV", "UNO" of "IGOUNO"); none for a code
    /// of one part, or of more than two, whose roles are not one agent.
    pub fn role(self) -> Option<Self> {
        (self.parts() == 2).then(|| self.part(1))
    }

    /// Whether the code is an intergovernmental organisation's ("IGOUNO").
    pub fn is_intergovernmental(self) -> bool {
        self.head() == Self::IGO
    }

    /// Whether the code is an organisation's, intergovernmental or not ("IGOUNO", "NGOMSF"):
    /// a body of no state.
    pub fn is_organisation(self) -> bool {
        matches!(self.head(), Self::IGO | Self::NGO)
    }

    /// Whether the code is a transnational armed group's ("IMGMUS"): no state of its own.
    pub fn is_transnational(self) -> bool {
        self.head() == Self::IMG
    }

    /// The state of a full code ("JPN" of "JPNGOV"); none for an organisation or a
    /// transnational group.
    pub fn country(self) -> Option<Self> {
        (!self.is_organisation() && !self.is_transnational()).then(|| self.head())
    }

    /// The agent of a state's code of two parts ("GOV" of "JPNGOV"); none for an organisation or
    /// a transnational group.
    pub fn agent(self) -> Option<Self> {
        self.country().and(self.role())
    }

    /// The code's head with `agent` as its role: "JPN" or "JPNGOV" with MIL is "JPNMIL".
    pub fn with_agent(self, agent: Self) -> Self {
        let mut bytes = [0u8; PART * MAX_PARTS];
        bytes[..PART].copy_from_slice(&self.bytes[..PART]);
        bytes[PART..2 * PART].copy_from_slice(&agent.bytes[..PART]);
        Self {
            bytes,
            len: (2 * PART) as u8,
        }
    }
}

impl fmt::Debug for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for ActorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ActorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::{ActorCode, Problem};

    fn code(text: &str) -> ActorCode {
        ActorCode::parse(text).expect(text)
    }

    #[test]
    fn a_code_is_a_head_of_three_characters_and_up_to_three_roles() {
        for text in [
            "JPN",
            "GOV",
            "JPNGOV",
            "IGOUNO",
            "IGOG20",
            "USAGOVMIL",
            "AAABBBCCCDDD",
        ] {
            assert_eq!(code(text).to_string(), text);
        }
        for text in ["", "JP", "JPNG", "JPNGOVM", "AAABBBCCCDDDEEE"] {
            let err = ActorCode::parse(text).expect_err(text);
            assert_eq!(err.problem, Problem::Length, "{text:?}");
        }
        for text in ["jpn", "JPNgov", "JP ", "JPN-GO", "ÉT"] {
            let err = ActorCode::parse(text).expect_err(text);
            assert_eq!(err.problem, Problem::Character, "{text:?}");
        }
    }

    #[test]
    fn the_error_names_the_code() {
        let err = ActorCode::parse("JPNG").expect_err("four characters");
        assert_eq!(
            err.to_string(),
            "actor code \"JPNG\" must be 3 characters, or 3 followed by up to three roles of 3"
        );
    }

    #[test]
    fn a_state_code_gives_its_country_and_agent() {
        let japan = code("JPNGOV");
        assert_eq!(japan.country(), Some(code("JPN")));
        assert_eq!(japan.agent(), Some(ActorCode::GOV));
        assert_eq!(code("JPN").country(), Some(code("JPN")));
        assert_eq!(code("JPN").agent(), None);
        // more than one role is no single agent
        assert_eq!(code("USAGOVMIL").agent(), None);
    }

    #[test]
    fn organisations_and_transnational_groups_have_no_country_nor_agent() {
        for text in ["IGOUNO", "NGOMSF", "IMGMUS"] {
            assert_eq!(code(text).country(), None, "{text}");
            assert_eq!(code(text).agent(), None, "{text}");
        }
        assert!(code("IGOUNO").is_intergovernmental() && code("IGOUNO").is_organisation());
        assert!(!code("NGOMSF").is_intergovernmental() && code("NGOMSF").is_organisation());
        assert!(code("IMGMUS").is_transnational() && !code("IMGMUS").is_organisation());
        assert!(!code("RUSMIL").is_organisation() && !code("RUSMIL").is_transnational());
        // the role of an organisation's code is which organisation it is
        assert_eq!(code("IGOUNO").role(), Some(code("UNO")));
    }

    #[test]
    fn with_agent_puts_the_agent_after_the_head() {
        assert_eq!(code("JPN").with_agent(ActorCode::MIL), "JPNMIL");
        assert_eq!(code("ETHCVL").with_agent(ActorCode::OPP), "ETHOPP");
        assert_eq!(code("SOMREB").head(), "SOM");
        assert_eq!(code("SOMREB").parts(), 2);
        assert!(code("SOM").is_alpha3() && !code("SOMREB").is_alpha3() && !code("G20").is_alpha3());
    }

    #[test]
    fn codes_order_as_their_text() {
        let mut codes = ["JPNGOV", "IGOUNO", "JPN", "GOV"].map(code);
        codes.sort();
        assert_eq!(
            codes.map(|c| c.to_string()),
            ["GOV", "IGOUNO", "JPN", "JPNGOV"]
        );
    }

    #[test]
    fn every_agent_is_a_single_part() {
        assert!(ActorCode::AGENTS.iter().all(|a| a.parts() == 1));
        assert!(ActorCode::AGENTS.contains(&ActorCode::REB));
        assert!(!ActorCode::AGENTS.contains(&ActorCode::ELI));
    }
}
