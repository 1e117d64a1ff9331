#!/usr/bin/env bash
# Exit 0 when the installers should be rebuilt: some file the bundle depends on in a packaging-specific
# way changed between BASE (default: origin/main, else HEAD~1) and the working tree. Exit 1 otherwise.
#   packaging/ci_should_build.sh [BASE] && bash packaging/build_linux.sh
# The same path list guards .github/workflows/installers.yml; a full build takes minutes on 2 cores,
# so ordinary code changes rely on the unit and e2e tests instead.
set -euo pipefail
cd "$(dirname "$0")/.."

base=${1:-}
if [ -z "$base" ]; then
    base=$(git rev-parse --verify --quiet origin/main || git rev-parse --verify --quiet HEAD~1 || true)
fi
[ -n "$base" ] || exit 0   # no history to compare with: build

changed=$( { git diff --name-only "$base" --; git ls-files --others --exclude-standard; } )
pattern='^(packaging/|resources/|tests/packaging/|\.github/workflows/installers\.yml$|pyproject\.toml$|explorer/(selftest|resources|cli|__main__)\.py$)'
if grep -Eq "$pattern" <<< "$changed"; then
    grep -E "$pattern" <<< "$changed" | sed 's/^/packaging input changed: /'
    exit 0
fi
exit 1
