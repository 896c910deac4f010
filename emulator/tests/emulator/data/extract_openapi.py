#!/usr/bin/env python3
"""Extracts the operations github-emulator serves from GitHub's published OpenAPI
description (the npm package @octokit/openapi, file generated/api.github.com.deref.json,
where every $ref is already resolved) into openapi-codespaces-secrets.json: for each
operation, the JSON schema of each documented response, plus GitHub's two generic error
schemas ("basic-error", "validation-error") for the errors GitHub answers on operations
that do not document them (a 404 for a missing repository secret, for instance).

Usage: npm pack @octokit/openapi && tar xzf octokit-openapi-*.tgz
       python3 extract_openapi.py package/generated/api.github.com.deref.json VERSION
"""
import json
import os
import sys

OPERATIONS = [
    ("get", "/orgs/{org}/codespaces/secrets"),
    ("get", "/orgs/{org}/codespaces/secrets/public-key"),
    ("get", "/orgs/{org}/codespaces/secrets/{secret_name}"),
    ("put", "/orgs/{org}/codespaces/secrets/{secret_name}"),
    ("delete", "/orgs/{org}/codespaces/secrets/{secret_name}"),
    ("get", "/orgs/{org}/codespaces/secrets/{secret_name}/repositories"),
    ("put", "/orgs/{org}/codespaces/secrets/{secret_name}/repositories"),
    ("put", "/orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"),
    ("delete", "/orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"),
    ("get", "/repos/{owner}/{repo}/codespaces/secrets"),
    ("get", "/repos/{owner}/{repo}/codespaces/secrets/public-key"),
    ("get", "/repos/{owner}/{repo}/codespaces/secrets/{secret_name}"),
    ("put", "/repos/{owner}/{repo}/codespaces/secrets/{secret_name}"),
    ("delete", "/repos/{owner}/{repo}/codespaces/secrets/{secret_name}"),
    ("get", "/user/codespaces/secrets"),
    ("get", "/user/codespaces/secrets/public-key"),
    ("get", "/user/codespaces/secrets/{secret_name}"),
    ("put", "/user/codespaces/secrets/{secret_name}"),
    ("delete", "/user/codespaces/secrets/{secret_name}"),
    ("get", "/user/codespaces/secrets/{secret_name}/repositories"),
    ("put", "/user/codespaces/secrets/{secret_name}/repositories"),
    ("put", "/user/codespaces/secrets/{secret_name}/repositories/{repository_id}"),
    ("delete", "/user/codespaces/secrets/{secret_name}/repositories/{repository_id}"),
    ("get", "/repos/{owner}/{repo}"),
    ("get", "/orgs/{org}/repos"),
]
GENERIC_ERRORS = ["basic-error", "validation-error"]


def strip(schema):
    """Keeps what a response checker needs; drops prose and examples."""
    if isinstance(schema, dict):
        keep = {"type", "required", "properties", "items", "enum", "nullable",
                "allOf", "anyOf", "oneOf", "additionalProperties", "format"}
        out = {}
        for k, v in schema.items():
            if k == "properties":
                out[k] = {name: strip(sub) for name, sub in v.items()}
            elif k in keep:
                out[k] = strip(v)
        return out
    if isinstance(schema, list):
        return [strip(s) for s in schema]
    return schema


def main():
    spec = json.load(open(sys.argv[1]))
    out = {"source": "@octokit/openapi " + sys.argv[2] + " generated/api.github.com.deref.json",
           "operations": {}}
    for method, path in OPERATIONS:
        op = spec["paths"][path][method]
        responses = {}
        for status, resp in op["responses"].items():
            content = resp.get("content", {}).get("application/json")
            responses[status] = strip(content["schema"]) if content else None
        out["operations"][method.upper() + " " + path] = {"responses": responses}
    # The dereferenced file has no components; its sibling keeps them (these two use no $ref).
    sibling = os.path.join(os.path.dirname(sys.argv[1]), "api.github.com.json")
    schemas = json.load(open(sibling))["components"]["schemas"]
    out["errors"] = {name: strip(schemas[name]) for name in GENERIC_ERRORS}
    json.dump(out, open("openapi-codespaces-secrets.json", "w"), indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
