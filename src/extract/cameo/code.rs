//! The CAMEO event code as a value: 2 to 4 ASCII digits whose first two, the root, name one of
//! the twenty CAMEO categories (01-20). Checked once where the dictionaries load; past that a
//! code is always well formed, is copied rather than cloned, and is asked about its root or its
//! three-digit base by name instead of by string prefix.

use std::fmt;

/// A CAMEO event code ("0312", "190").
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode {
    /// The digits, zero-padded after `len` (so that the order is the codes' text order).
    digits: [u8; 4],
    len: u8,
}

/// Why a text is not a CAMEO code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    /// Fewer than 2 or more than 4 characters, or a character that is no ASCII digit.
    NotDigits,
    /// The first two digits are not 01-20.
    Root,
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CodeError::NotDigits => "code must be 2 to 4 digits",
            CodeError::Root => "code's root (its first two digits) must be 01 to 20",
        })
    }
}

impl CameoCode {
    /// The code `text` spells, if it is one.
    pub const fn parse(text: &str) -> Result<Self, CodeError> {
        let bytes = text.as_bytes();
        if bytes.len() < 2 || bytes.len() > 4 {
            return Err(CodeError::NotDigits);
        }
        let mut digits = [0u8; 4];
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                return Err(CodeError::NotDigits);
            }
            digits[i] = bytes[i];
            i += 1;
        }
        let root = (digits[0] - b'0') * 10 + (digits[1] - b'0');
        if root < 1 || root > 20 {
            return Err(CodeError::Root);
        }
        // At most 4: the length fits.
        #[allow(clippy::cast_possible_truncation)]
        let len = bytes.len() as u8;
        Ok(Self { digits, len })
    }

    /// A code written in the program; an invalid one stops compilation where it is a constant.
    pub const fn of(text: &str) -> Self {
        match Self::parse(text) {
            Ok(code) => code,
            Err(_) => panic!("not a CAMEO code"),
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.digits[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The root category, 1-20 (19 for "190": fight).
    pub fn root(self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }

    /// Whether the code is in root category `root` (`is_root(7)`: provide aid).
    pub fn is_root(self, root: u8) -> bool {
        self.root() == root
    }

    /// The three-digit base code the code refines (145 for "145" and "1451"), `None` for a
    /// root-only code ("14").
    pub fn base(self) -> Option<u16> {
        (self.len >= 3).then(|| u16::from(self.root()) * 10 + u16::from(self.digits[2] - b'0'))
    }

    /// Whether the code is `base` or refines it (`within(138)` for "138" and "1384").
    pub fn within(self, base: u16) -> bool {
        self.base() == Some(base)
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for CameoCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CameoCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::{CameoCode, CodeError};

    #[test]
    fn a_code_is_two_to_four_digits_under_a_root_from_01_to_20() {
        for text in ["01", "010", "0314", "20", "2042"] {
            assert_eq!(
                CameoCode::parse(text).map(|c| c.to_string()),
                Ok(text.to_owned())
            );
        }
        for text in ["", "1", "01234", "1a0", "19 "] {
            assert_eq!(
                CameoCode::parse(text),
                Err(CodeError::NotDigits),
                "{text:?}"
            );
        }
        for text in ["00", "000", "21", "999"] {
            assert_eq!(CameoCode::parse(text), Err(CodeError::Root), "{text:?}");
        }
    }

    #[test]
    fn a_code_answers_for_its_root_and_its_base() {
        let code = CameoCode::of("1384");
        assert_eq!(code.root(), 13);
        assert!(code.is_root(13) && !code.is_root(1));
        assert_eq!(code.base(), Some(138));
        assert!(code.within(138) && !code.within(13));
        assert_eq!(CameoCode::of("14").base(), None);
        assert_eq!(CameoCode::of("0871").base(), Some(87));
    }

    #[test]
    fn codes_order_as_their_text() {
        let mut codes = ["190", "0871", "04", "1384", "040"].map(CameoCode::of);
        codes.sort();
        assert_eq!(
            codes.map(|c| c.to_string()),
            ["04", "040", "0871", "1384", "190"]
        );
        assert!(CameoCode::of("040") == "040");
    }
}
