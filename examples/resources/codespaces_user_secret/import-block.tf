import {
  to = codespaces_user_secret.gh_pat
  id = "GH_PAT"
}
