//! The classes of event the model tells apart: one per PLOVER category, with statements apart
//! from appeals and fighting apart from other violence, each named by the CAMEO code a guess
//! of it is coded with.
//!
//! A weights file lists the classes it was trained for by these codes, so that a file with
//! fewer, coarser classes (each standing for its code's category) reads the same way.

/// A class of CAMEO events, by PLOVER category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventClass {
    /// A public statement to or about someone (CAMEO 01); no PLOVER category.
    Statement,
    /// An appeal or request (02): PLOVER REQUEST.
    Appeal,
    /// An intent to cooperate (03): AGREE.
    Agree,
    /// Consultations, visits, talks (04): CONSULT.
    Consult,
    /// Diplomatic cooperation, praise, agreements signed (05): SUPPORT.
    Support,
    /// Material cooperation (06): COOPERATE.
    Cooperate,
    /// Aid given (07): AID.
    Aid,
    /// Yielding to demands, easing restrictions (080-083): CONCEDE.
    Concede,
    /// Release, return, resignation, ceasefire, withdrawal (0831, 084-087): RETREAT.
    Retreat,
    /// Demands (10): REQUEST.
    Demand,
    /// Investigation, disapproval, accusation, complaint (09, 11): ACCUSE.
    Accuse,
    /// Rejection, refusal, defiance (12): REJECT.
    Reject,
    /// Threats (13): THREATEN.
    Threaten,
    /// Reduced relations, sanctions, expulsion (16): SANCTION.
    Sanction,
    /// Protest (14): PROTEST.
    Protest,
    /// A show of force (15): MOBILIZE.
    Mobilize,
    /// Coercion: arrests, repression, seizures short of violence (17): COERCE.
    Coerce,
    /// Unconventional violence: assaults, bombings, abductions, killings (18): ASSAULT.
    Assault,
    /// Conventional military force: fighting, shelling, air strikes (19-20): ASSAULT.
    Fight,
}

/// How many classes there are.
pub const COUNT: usize = EventClass::ALL.len();

impl EventClass {
    /// Every class, in the order of their codes' roots.
    pub const ALL: [Self; 19] = [
        Self::Statement,
        Self::Appeal,
        Self::Agree,
        Self::Consult,
        Self::Support,
        Self::Cooperate,
        Self::Aid,
        Self::Concede,
        Self::Retreat,
        Self::Demand,
        Self::Accuse,
        Self::Reject,
        Self::Threaten,
        Self::Sanction,
        Self::Protest,
        Self::Mobilize,
        Self::Coerce,
        Self::Assault,
        Self::Fight,
    ];

    /// The class of a CAMEO code: by its root, and within yielding (08) by PLOVER's split of
    /// conceding from retreating. None for what is not a code.
    pub fn of_code(code: &str) -> Option<Self> {
        Some(match code.get(..2)? {
            "01" => Self::Statement,
            "02" => Self::Appeal,
            "03" => Self::Agree,
            "04" => Self::Consult,
            "05" => Self::Support,
            "06" => Self::Cooperate,
            "07" => Self::Aid,
            "08" if code == "0831" || code.get(2..3).is_some_and(|d| d >= "4") => Self::Retreat,
            "08" => Self::Concede,
            "09" | "11" => Self::Accuse,
            "10" => Self::Demand,
            "12" => Self::Reject,
            "13" => Self::Threaten,
            "14" => Self::Protest,
            "15" => Self::Mobilize,
            "16" => Self::Sanction,
            "17" => Self::Coerce,
            "18" => Self::Assault,
            "19" | "20" => Self::Fight,
            _ => return None,
        })
    }

    /// The class whose generic code `code` is: how a weights file names its classes.
    pub fn of_generic_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.generic_code() == code)
    }

    /// The CAMEO code an event of this class is coded with when nothing more specific is
    /// known: the "not specified below" code of the class's root (for retreating, the first
    /// code of PLOVER's RETREAT, 084 "return, release"; for disapproval and investigation,
    /// 110, the commoner).
    pub fn generic_code(self) -> &'static str {
        match self {
            Self::Statement => "010",
            Self::Appeal => "020",
            Self::Agree => "030",
            Self::Consult => "040",
            Self::Support => "050",
            Self::Cooperate => "060",
            Self::Aid => "070",
            Self::Concede => "080",
            Self::Retreat => "084",
            Self::Demand => "100",
            Self::Accuse => "110",
            Self::Reject => "120",
            Self::Threaten => "130",
            Self::Sanction => "160",
            Self::Protest => "140",
            Self::Mobilize => "150",
            Self::Coerce => "170",
            Self::Assault => "180",
            Self::Fight => "190",
        }
    }

    /// The quad class of the class's events (0 statement or appeal, 1 verbal cooperation, 2
    /// material cooperation, 3 verbal conflict, 4 material conflict): the level at which the
    /// model's classes are told apart most reliably.
    pub fn quad(self) -> u8 {
        match self {
            Self::Statement | Self::Appeal => 0,
            Self::Agree | Self::Consult | Self::Support => 1,
            Self::Cooperate | Self::Aid | Self::Concede | Self::Retreat => 2,
            Self::Demand | Self::Accuse | Self::Reject | Self::Threaten | Self::Sanction => 3,
            Self::Protest | Self::Mobilize | Self::Coerce | Self::Assault | Self::Fight => 4,
        }
    }

    /// Whether an event of this class is one without naming whom it concerns: material
    /// cooperation, protest and material conflict ("the rebels attacked", "the unions
    /// marched"). A statement, an appeal or verbal cooperation or conflict is made to or about
    /// someone: "the minister said" or "the ministry objected" alone is no event.
    pub fn needs_no_target(self) -> bool {
        matches!(
            self,
            Self::Cooperate
                | Self::Aid
                | Self::Concede
                | Self::Retreat
                | Self::Protest
                | Self::Mobilize
                | Self::Coerce
                | Self::Assault
                | Self::Fight
        )
    }
}
