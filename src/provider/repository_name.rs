//! Repositories and owners named in a configuration: GitHub's rules for a login and a
//! repository name, checked when planning so that no name can rewrite a request's path
//! (`acme/..`), and [`RepositoryName`], a repository written `OWNER/NAME` or `NAME` under
//! the provider's `owner`. Both spellings of one repository are the same repository: GitHub
//! ignores the case of logins and names, and `api` under owner `acme` is `acme/api`.

use tfplugin::Validator;

/// Why `owner` cannot be a GitHub login (an organization's or a user's), if it cannot.
pub fn owner_problem(owner: &str) -> Option<String> {
    let ok = !owner.is_empty()
        && owner.len() <= 39
        && owner.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !owner.starts_with('-');
    (!ok).then(|| format!("{owner:?} is not a GitHub login (letters, digits and hyphens)."))
}

/// GitHub's rule for a repository name: ASCII letters, digits, `.`, `-` and `_`, at most 100
/// characters, not `.` or `..`, not ending in `.wiki` (the wiki's name). Anything else could
/// also rewrite the request's path.
pub fn name_problem(name: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    if name.is_empty() {
        Some("A repository name cannot be empty.".into())
    } else if !name.chars().all(allowed) {
        Some(format!(
            "{name:?} is not a repository name: GitHub allows only ASCII letters, digits, `.`, \
             `-` and `_`."
        ))
    } else if name == "." || name == ".." {
        Some(format!("{name:?} is not a repository name."))
    } else if name.len() > 100 {
        Some(format!(
            "{name:?} is not a repository name: GitHub allows at most 100 characters."
        ))
    } else if name.to_ascii_lowercase().ends_with(".wiki") {
        Some(format!(
            "{name:?} is not a repository name: GitHub reserves names ending in `.wiki`."
        ))
    } else {
        None
    }
}

/// Why `full` cannot be `owner/name`, if it cannot.
pub fn full_name_problem(full: &str) -> Option<String> {
    let Some((owner, name)) = full.split_once('/') else {
        return Some(format!("{full:?} is not `owner/name`."));
    };
    if let Some(problem) = owner_problem(owner) {
        return Some(format!(
            "{problem} That is the owner in {full:?}, which is `owner/name`."
        ));
    }
    name_problem(name).map(|p| format!("{p} That is the name in {full:?}, which is `owner/name`."))
}

/// A repository as a configuration names it: `OWNER/NAME`, or `NAME` under the provider's
/// `owner`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepositoryName<'a> {
    /// The owner written, if any.
    pub owner: Option<&'a str>,
    /// The repository's name.
    pub name: &'a str,
}

impl<'a> RepositoryName<'a> {
    /// Reads `OWNER/NAME` or `NAME`, checked against GitHub's rules.
    pub fn parse(text: &'a str) -> Result<RepositoryName<'a>, String> {
        match text.split_once('/') {
            Some((owner, name)) => match full_name_problem(text) {
                Some(problem) => Err(problem),
                None => Ok(RepositoryName {
                    owner: Some(owner),
                    name,
                }),
            },
            None => match name_problem(text) {
                Some(problem) => Err(format!(
                    "{problem} Write the repository as `OWNER/NAME`, or `NAME` for a \
                     repository of the provider's `owner`."
                )),
                None => Ok(RepositoryName {
                    owner: None,
                    name: text,
                }),
            },
        }
    }

    /// The owner and name, the owner taken from `default_owner` (the provider's) when none
    /// was written; `None` when neither gives one.
    pub fn resolve(&self, default_owner: Option<&'a str>) -> Option<(&'a str, &'a str)> {
        Some((self.owner.or(default_owner)?, self.name))
    }
}

/// Whether `a` and `b` name one repository, the provider's owner `owner` standing in for an
/// owner not written (GitHub ignores case). Text that is not a repository name is equal only
/// to itself.
pub fn same_repository(a: &str, b: &str, owner: Option<&str>) -> bool {
    let resolved = |text| {
        let parsed = RepositoryName::parse(text).ok()?;
        let (o, n) = parsed.resolve(owner)?;
        Some(format!("{o}/{n}").to_ascii_lowercase())
    };
    match (resolved(a), resolved(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a.eq_ignore_ascii_case(b),
    }
}

/// The validator of a `repository` attribute: `OWNER/NAME` or `NAME`.
pub fn repository_rule() -> Validator {
    Validator::string("Invalid repository", |text: &str| {
        RepositoryName::parse(text).err()
    })
}

#[cfg(test)]
mod tests;
