//! Grants: which repositories may read an organization or user secret. GitHub's rules per
//! scope live here, once: an organization secret's grants need `selected` visibility (else
//! 409) and repositories of that organization (else 422); a user secret is always
//! `selected` and may be granted any repository its user reaches (else 422 in a secret PUT,
//! 404 on the repositories routes, the statuses GitHub documents there); a repository
//! secret has no grants.

use std::collections::BTreeSet;

use super::{Account, PutBody, Refusal, Repo, RepoId, StoredSecret, World};
use crate::home::{Home, Scope};

/// Where a repository id was refused: in a secret PUT's body, or on a repositories route.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Asked {
    InPut,
    OnRoute,
}

fn unknown_repository(scope: Scope, id: i64, asked: Asked) -> Refusal {
    let refusal = match (scope, asked) {
        (Scope::User, Asked::OnRoute) => Refusal::not_found(),
        (Scope::User, Asked::InPut) => Refusal::invalid(&format!(
            "Repository {id} was not found or is not accessible to the user"
        )),
        _ => Refusal::invalid(&format!(
            "Repository {id} was not found in the organization"
        )),
    };
    refusal.within(scope)
}

/// 409 for an organization secret whose visibility is not `selected`.
fn check_selected(scope: Scope, secret: &StoredSecret) -> Result<(), Refusal> {
    if scope == Scope::Org && secret.visibility != "selected" {
        return Err(
            Refusal::new(409, "The visibility of the secret is not set to selected").within(scope),
        );
    }
    Ok(())
}

impl World {
    /// Whether a secret of `home` may be granted repository `id`.
    fn grantable(&self, home: &Home, id: i64) -> bool {
        match home {
            Home::Org(login) => self
                .account(login)
                .is_ok_and(|o| o.repos.iter().any(|r| r.id == id)),
            Home::User(login) => self
                .repo_by_id(id)
                .is_some_and(|(owner, _)| self.can_reach(login, owner)),
            Home::Repo { .. } => false,
        }
    }

    fn check_grantable(&self, home: &Home, ids: &[i64], asked: Asked) -> Result<(), Refusal> {
        match ids.iter().find(|id| !self.grantable(home, **id)) {
            Some(bad) => Err(unknown_repository(home.scope(), *bad, asked)),
            None => Ok(()),
        }
    }

    /// The visibility and grants a secret PUT asks for, by its scope's rules.
    pub(super) fn put_grants(
        &self,
        home: &Home,
        body: &PutBody,
    ) -> Result<(String, BTreeSet<i64>), Refusal> {
        let scope = home.scope();
        let invalid = |detail: &str| Refusal::invalid(detail).within(scope);
        let ids = match &body.selected_repository_ids {
            None => None,
            Some(ids) => Some(
                ids.iter()
                    .map(|id| match (id, scope) {
                        (RepoId::Number(n), _) => Ok(*n),
                        (RepoId::Text(t), Scope::User) => t
                            .parse()
                            .map_err(|_| invalid("selected_repository_ids must be repository ids")),
                        (RepoId::Text(_), _) => {
                            Err(Refusal::new(400, "Problems parsing JSON").within(scope))
                        }
                    })
                    .collect::<Result<Vec<i64>, Refusal>>()?,
            ),
        };
        let visibility = match scope {
            Scope::Repo => return Ok((String::new(), BTreeSet::new())),
            Scope::User => "selected".to_string(),
            Scope::Org => {
                let visibility = body.visibility.clone().unwrap_or_default();
                if !matches!(visibility.as_str(), "all" | "private" | "selected") {
                    return Err(invalid("visibility must be one of: all, private, selected"));
                }
                if ids.is_some() && visibility != "selected" {
                    return Err(invalid(
                        "selected_repository_ids can only be set when visibility is selected",
                    ));
                }
                visibility
            }
        };
        let ids = ids.unwrap_or_default();
        self.check_grantable(home, &ids, Asked::InPut)?;
        Ok((visibility, ids.into_iter().collect()))
    }

    /// The repositories granted `name` of `home`, with their owners: 404 when the secret is
    /// absent, 409 for an organization secret that is not `selected`.
    pub(crate) fn granted(
        &self,
        home: &Home,
        name: &str,
    ) -> Result<Vec<(&Account, &Repo)>, Refusal> {
        let secret = self.secret(home, name)?;
        check_selected(home.scope(), secret)?;
        Ok(secret
            .repos
            .iter()
            .filter_map(|id| self.repo_by_id(*id))
            .collect())
    }

    /// The grants of `name`, mutable, after the same checks as [`World::granted`].
    fn grants_mut(&mut self, home: &Home, name: &str) -> Result<&mut BTreeSet<i64>, Refusal> {
        let scope = home.scope();
        let secret = self
            .vault_mut(home)?
            .secrets
            .get_mut(&name.to_ascii_uppercase())
            .ok_or_else(|| Refusal::not_found().within(scope))?;
        check_selected(scope, secret)?;
        Ok(&mut secret.repos)
    }

    /// Replaces the grants of `name` (the set-all route).
    pub(crate) fn set_grants(
        &mut self,
        home: &Home,
        name: &str,
        ids: &[i64],
    ) -> Result<(), Refusal> {
        self.grants_mut(home, name)?;
        self.check_grantable(home, ids, Asked::OnRoute)?;
        *self.grants_mut(home, name)? = ids.iter().copied().collect();
        Ok(())
    }

    /// Grants `name` to repository `id`.
    pub(crate) fn add_grant(&mut self, home: &Home, name: &str, id: i64) -> Result<(), Refusal> {
        self.grants_mut(home, name)?;
        self.check_grantable(home, &[id], Asked::OnRoute)?;
        self.grants_mut(home, name)?.insert(id);
        Ok(())
    }

    /// Takes repository `id`'s grant of `name` away; answers whether it had one (GitHub
    /// answers 204 either way).
    pub(crate) fn remove_grant(
        &mut self,
        home: &Home,
        name: &str,
        id: i64,
    ) -> Result<bool, Refusal> {
        Ok(self.grants_mut(home, name)?.remove(&id))
    }
}
