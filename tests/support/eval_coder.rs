//! The coder both evaluation harnesses run: with the dictionaries in `EVAL_DICTIONARIES` if it
//! is set (a vocabulary change measured without a rebuild), else with the built-in ones.

use std::path::Path;

use demarche::extract::Coder;

/// The coder under evaluation.
pub fn coder() -> Result<Coder, String> {
    let Some(dir) = std::env::var_os("EVAL_DICTIONARIES") else {
        return Coder::embedded().map_err(|e| format!("the built-in dictionaries: {e}"));
    };
    let dir = Path::new(&dir);
    let coder = Coder::from_dir(dir).map_err(|e| format!("EVAL_DICTIONARIES: {e}"))?;
    eprintln!(
        "dictionaries from {} (version {})",
        dir.display(),
        coder.dictionary_version()
    );
    Ok(coder)
}
