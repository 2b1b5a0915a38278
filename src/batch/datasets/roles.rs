//! `roles.jsonl`: what the `role_key` grouped. One row per role key of the
//! batch's dispatch units (sorted by key): the spellings grouped under it
//! (the role as repaired, and as written), with how many units and
//! documents each has.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

#[derive(Default)]
struct Gathered {
    /// Units by role as repaired.
    roles: BTreeMap<String, u64>,
    /// Units by role as written.
    roles_raw: BTreeMap<String, u64>,
    documents: BTreeSet<String>,
    units: u64,
}

#[derive(Serialize)]
struct Spelling<'a> {
    role: &'a str,
    units: u64,
}

#[derive(Serialize)]
struct RolesRow<'a> {
    role_key: &'a str,
    roles: Vec<Spelling<'a>>,
    roles_raw: Vec<Spelling<'a>>,
    units: u64,
    documents: usize,
    /// True when more than one spelling (as repaired) was grouped.
    grouped: bool,
}

/// The role index being gathered.
#[derive(Default)]
pub struct RoleIndex {
    keys: BTreeMap<String, Gathered>,
}

impl RoleIndex {
    /// Adds one unit of a dispatch row of `document`.
    pub fn add(&mut self, document: &str, role_key: &str, role: &str, role_raw: &str) {
        let g = self.keys.entry(role_key.to_string()).or_default();
        *g.roles.entry(role.to_string()).or_default() += 1;
        *g.roles_raw.entry(role_raw.to_string()).or_default() += 1;
        if !g.documents.contains(document) {
            g.documents.insert(document.to_string());
        }
        g.units += 1;
    }

    /// Writes the rows (compact JSON lines), returns how many.
    pub fn rows(&self, mut write: impl FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<u64> {
        let spellings =
            |m: &'_ BTreeMap<String, u64>| -> Vec<(String, u64)> { m.iter().map(|(r, n)| (r.clone(), *n)).collect() };
        let mut n = 0;
        for (key, g) in &self.keys {
            let (roles, raw) = (spellings(&g.roles), spellings(&g.roles_raw));
            let row = RolesRow {
                role_key: key,
                roles: roles
                    .iter()
                    .map(|(role, units)| Spelling { role, units: *units })
                    .collect(),
                roles_raw: raw
                    .iter()
                    .map(|(role, units)| Spelling { role, units: *units })
                    .collect(),
                units: g.units,
                documents: g.documents.len(),
                grouped: g.roles.len() > 1,
            };
            let mut line = serde_json::to_vec(&row).map_err(std::io::Error::other)?;
            line.push(b'\n');
            write(&line)?;
            n += 1;
        }
        Ok(n)
    }
}
