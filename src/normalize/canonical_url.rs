//! URL: the canonical form used for identity and exact-duplicate detection.

use url::Url;

/// Query parameters that only track the reader, never select content. Any parameter starting
/// with `utm_` is also one.
pub const TRACKING_PARAMS: &[&str] = &[
    "_ga",
    "_gl",
    "at_campaign",
    "at_medium",
    "cmpid",
    "dclid",
    "fbclid",
    "gclid",
    "gclsrc",
    "igshid",
    "mc_cid",
    "mc_eid",
    "mkt_tok",
    "msclkid",
    "ns_campaign",
    "ns_mchannel",
    "ns_source",
    "ocid",
    "ref_src",
    "s_cid",
    "smid",
    "spm",
    "twclid",
    "wt.mc_id",
    "xtor",
    "yclid",
];

/// The canonical form of an article URL, or `None` if it is not an absolute http(s) URL.
///
/// Scheme and host lower-case, the scheme's default port removed, the fragment and tracking
/// parameters ([`TRACKING_PARAMS`], `utm_*`) removed, the remaining query parameters sorted, an
/// empty query removed. Two links to the same article that differ only in these ways get the
/// same form.
pub fn canonical_url(raw: &str) -> Option<String> {
    let mut url = Url::parse(raw.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    if pairs.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    Some(url.into())
}

/// The URL's host without a leading `www.`, lower-case ("dw.com").
pub fn site_host(url: &str) -> Option<String> {
    let url = Url::parse(url).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_owned())
}

fn is_tracking(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_") || TRACKING_PARAMS.contains(&key.as_str())
}
