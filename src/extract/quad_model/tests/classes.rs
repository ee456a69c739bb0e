//! The classes: which CAMEO codes each stands for, and the code it emits.

use crate::extract::cameo::CameoCode;
use crate::extract::quad_model::classes::EventClass;

#[test]
fn codes_are_classed_by_their_root_and_yielding_by_plovers_split() {
    let cases = [
        ("010", Some(EventClass::Statement)),
        ("0243", Some(EventClass::Appeal)),
        ("036", Some(EventClass::Agree)),
        ("0311", Some(EventClass::Agree)),
        ("042", Some(EventClass::Consult)),
        ("057", Some(EventClass::Support)),
        ("062", Some(EventClass::Cooperate)),
        ("073", Some(EventClass::Aid)),
        ("081", Some(EventClass::Concede)),
        ("0832", Some(EventClass::Concede)),
        ("0831", Some(EventClass::Retreat)),
        ("0841", Some(EventClass::Retreat)),
        ("0871", Some(EventClass::Retreat)),
        ("091", Some(EventClass::Accuse)),
        ("1053", Some(EventClass::Demand)),
        ("112", Some(EventClass::Accuse)),
        ("128", Some(EventClass::Reject)),
        ("1384", Some(EventClass::Threaten)),
        ("145", Some(EventClass::Protest)),
        ("154", Some(EventClass::Mobilize)),
        ("163", Some(EventClass::Sanction)),
        ("173", Some(EventClass::Coerce)),
        ("183", Some(EventClass::Assault)),
        ("202", Some(EventClass::Fight)),
        ("", None),
        ("21", None),
    ];
    for (code, class) in cases {
        assert_eq!(EventClass::of_code(code), class, "{code}");
    }
}

#[test]
fn every_class_is_the_class_of_its_own_generic_code() {
    for class in EventClass::ALL {
        let code = class.generic_code();
        assert_eq!(EventClass::of_code(code), Some(class), "{code}");
        assert_eq!(EventClass::of_generic_code(code), Some(class), "{code}");
    }
    assert_eq!(EventClass::of_generic_code("112"), None);
}

#[test]
fn every_class_has_a_generic_code_that_is_a_cameo_code_of_its_own_class() {
    for class in EventClass::ALL {
        let code = CameoCode::parse(class.generic_code());
        assert!(code.is_ok(), "{class:?}: {:?}", class.generic_code());
        assert_eq!(EventClass::of_code(class.generic_code()), Some(class));
    }
}
