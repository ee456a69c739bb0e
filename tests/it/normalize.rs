//! Normalization: the stages one by one, whole articles, and the properties.

mod reference;
