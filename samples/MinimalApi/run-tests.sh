#!/usr/bin/env bash
# Proves the packages work as shipped: packs WhetGateway.Idempotency and WhetGateway.Idempotency.Redis into the
# sample's local feed (artifacts/packages, named in nuget.config), restores the sample from that feed (a package
# reference, never a project reference), and runs its tests on the in-memory store and on a redis-server of their own.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
feed="$here/artifacts/packages"
# A version of its own for every run, so the global packages folder can never serve an older pack under the same number.
version="0.1.0-local.$(date +%s)"
cleanup() { rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/whetgateway.idempotency*/"$version"; }
trap cleanup EXIT

"$root/scripts/ensure-redis.sh"
rm -rf "$feed"
for project in WhetGateway.Idempotency WhetGateway.Idempotency.Redis; do
  dotnet pack "$root/src/$project/$project.csproj" -c Release -o "$feed" -p:Version="$version" -nologo -v quiet
done
dotnet test "$here/MinimalApi.Tests" -c Release -p:WhetGatewayPackageVersion="$version" -nologo
