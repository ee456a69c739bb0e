//! Normalization: raw message bytes -> a clean, dated, attributed [`Article`].
//!
//! One small stage per file, composed in this order by [`Normalizer::normalize`]:
//!
//! 1. [`decode`]: size cap, UTF-8, JSON fields and aliases or plain text -> [`RawArticle`].
//! 2. [`html`]: HTML to text, chrome and hidden elements dropped, character references
//!    decoded by `htmlize` as the HTML standard does.
//! 3. [`text`]: invisible characters removed, whitespace collapsed, NFC, paragraphs.
//! 4. [`boilerplate`]: menus, share/cookie/copyright lines, related lists (rules as data).
//! 5. [`title`]: site prefixes and suffixes stripped; the site and date they carry kept;
//!    a title repeated as the first body line removed.
//! 6. [`wire`]: datelines and wire credits recorded and removed.
//! 7. [`dates`], [`canonical_url()`], [`language`], [`identity`]: the article's facts.
//!
//! Every stage is a pure function of its input and the rules compiled at start-up.

pub mod boilerplate;
pub mod canonical_url;
mod config;
pub mod dates;
pub mod decode;
mod error;
pub mod html;
pub mod identity;
pub mod language;
mod tags;
pub mod text;
pub mod title;
pub mod wire;

pub use canonical_url::canonical_url;
pub use config::NormalizeConfig;
pub use decode::{RawArticle, RawBody, RawDate};
pub use error::NormalizeError;

use crate::model::{Article, DatePrecision};
use crate::settings::{InvalidSetting, Valid};
use boilerplate::{Boilerplate, RuleFile, BUILTIN_RULES};
use dates::{date_in_url, date_order, parse_date, unix_date, DateOrder, ParsedDate};
use language::LanguagePolicy;
use wire::Wire;

/// The composed normalization stages, built once from the config.
#[derive(Debug, Clone)]
pub struct Normalizer {
    config: NormalizeConfig,
    boilerplate: Boilerplate,
    wire: Wire,
    language: LanguagePolicy,
}

impl Normalizer {
    /// Builds the normalizer from its config, compiling the boilerplate rules (the built-in
    /// ones, or the file named by `boilerplate_rules`).
    pub fn new(config: &Valid<NormalizeConfig>) -> Result<Self, InvalidSetting> {
        let invalid = |reason: String| {
            InvalidSetting::new("boilerplate_rules", reason).in_section("normalize")
        };
        let text = match &config.boilerplate_rules {
            None => BUILTIN_RULES.to_owned(),
            Some(path) => std::fs::read_to_string(path)
                .map_err(|e| invalid(format!("cannot read `{}`: {e}", path.display())))?,
        };
        let rules = RuleFile::parse(&text).map_err(invalid)?;
        Ok(Self {
            config: (**config).clone(),
            boilerplate: Boilerplate::compile(&rules).map_err(invalid)?,
            wire: Wire::new(&rules.agencies).map_err(invalid)?,
            language: LanguagePolicy {
                default: config.default_language.clone(),
                min_detect_chars: config.min_detect_chars,
            },
        })
    }

    /// Whether articles in `language` are coded.
    pub fn supports_language(&self, language: &str) -> bool {
        self.config.languages.iter().any(|l| l == language)
    }

    /// Turns one raw message payload into an article.
    pub fn normalize(&self, payload: &[u8]) -> Result<Article, NormalizeError> {
        let raw = decode::decode(payload, self.config.max_message_bytes)?;
        let page = match &raw.body {
            RawBody::Html(h) => html::html_to_text(h),
            RawBody::Text(t) => html::HtmlText {
                text: t.clone(),
                ..Default::default()
            },
        };
        let head = self.attribution(&raw, &page);
        let mut paras = text::paragraphs(&page.text);
        let titles = [head.title.title.as_str(), head.full_title.as_str()];
        let wire = self.clean_paragraphs(&mut paras, &titles);
        if paras.is_empty() {
            return Err(NormalizeError::OnlyBoilerplate);
        }
        let body = paras.join("\n\n");

        let date = self.published(&raw, &page, &head);
        let given_language = raw.language.as_deref().or(page.lang.as_deref());
        let language = self.language.decide(given_language, &body);
        let id = identity::article_id(
            raw.id.as_deref(),
            head.url.as_deref(),
            head.source.as_deref(),
            &head.title.title,
            &body,
        );
        Ok(Article {
            id,
            url: head.url,
            source: head.source,
            title: head.title.title,
            body,
            published_at: date.map(|d| d.at),
            date_precision: date.map_or(DatePrecision::Unknown, |d| d.precision),
            language,
            wire_sources: wire.sources,
            dateline: wire.dateline,
        })
    }

    /// Where the article comes from: canonical URL, source, title and the source's date order.
    fn attribution(&self, raw: &RawArticle, page: &html::HtmlText) -> Attribution {
        let url = raw
            .url
            .as_deref()
            .or(page.canonical.as_deref())
            .and_then(canonical_url);
        let host = url.as_deref().and_then(canonical_url::site_host);
        let given_source = clean_line(raw.source.as_deref().or(page.site_name.as_deref()));
        let order = date_order(
            given_source.as_deref(),
            host.as_deref(),
            &self.config.month_first,
        );
        let full_title = clean_line(raw.title.as_deref().or(page.title.as_deref()));
        let full_title = full_title.unwrap_or_default();
        let known = given_source.as_deref().or(host.as_deref());
        let title = title::split_title(&full_title, known, order);
        let source = given_source.or(title.site.clone()).or(host);
        Attribution {
            url,
            source,
            full_title,
            title,
            order,
        }
    }

    /// Removes boilerplate, a repeated title, the dateline and the credits. Removing one can
    /// expose another (a title before a dateline, credits after credits, a share line behind
    /// a dateline), so the edge stages repeat until they change nothing, and boilerplate runs
    /// again whenever a paragraph's text was shortened (removing whole paragraphs at the edges
    /// cannot make another line boilerplate). That makes normalization idempotent. Every round
    /// but the last removes text, so the loop ends.
    fn clean_paragraphs(&self, paras: &mut Vec<String>, titles: &[&str]) -> wire::WireFacts {
        let mut facts = wire::WireFacts::default();
        let protect = |line: &str| self.wire.is_credit_line(line);
        self.boilerplate.strip(paras, protect);
        loop {
            let title_dropped = title::drop_repeated_title(paras, titles);
            match self.wire.strip(paras, &mut facts) {
                wire::WireChange::Edited => self.boilerplate.strip(paras, protect),
                wire::WireChange::Removed => {}
                wire::WireChange::None if !title_dropped => return facts,
                wire::WireChange::None => {}
            }
        }
    }

    /// The publication date: the given field, else the page's meta date, else a date in the
    /// title, else one in the URL path.
    fn published(
        &self,
        raw: &RawArticle,
        page: &html::HtmlText,
        head: &Attribution,
    ) -> Option<ParsedDate> {
        let order = head.order;
        let given = match &raw.published_at {
            Some(RawDate::Text(s)) => parse_date(s, order),
            Some(RawDate::Number(n)) => unix_date(*n),
            None => None,
        };
        given
            .or_else(|| page.published.as_deref().and_then(|s| parse_date(s, order)))
            .or(head.title.date)
            .or_else(|| head.url.as_deref().and_then(date_in_url))
    }
}

/// Where an article comes from, as far as its fields, page head and title say.
struct Attribution {
    /// Canonical URL.
    url: Option<String>,
    /// Given source, else the site named in the title, else the URL's host.
    source: Option<String>,
    /// The title as given, cleaned.
    full_title: String,
    /// The title taken apart.
    title: title::TitleParts,
    /// The source's numeric date order.
    order: DateOrder,
}

/// A one-line field cleaned like body text; `None` when blank.
fn clean_line(s: Option<&str>) -> Option<String> {
    let line = text::paragraphs(s?).join(" ");
    (!line.is_empty()).then_some(line)
}
