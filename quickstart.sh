#!/usr/bin/env bash
# Runs the bundled sample API on http://127.0.0.1:5081 and the gateway in front of it on http://127.0.0.1:5080,
# on the in-memory store, with the routes in config/sample.json. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")"

dotnet build WhetGateway.sln -c Release -v quiet -nologo
dotnet run --no-build -c Release --project src/WhetGateway.SampleApi -- --urls http://127.0.0.1:5081 &
sample=$!
trap 'kill $sample 2>/dev/null || true' EXIT INT TERM
echo "sample API on http://127.0.0.1:5081, gateway on http://127.0.0.1:5080 (Ctrl+C stops both)"
# config/sample.json trusts the sample's published demo signing key, which anyone can use to mint tokens. The gateway
# refuses to start with it unless AllowDemoSigningKey is on, and warns at start while it is: a demo switch, never for production.
dotnet run --no-build -c Release --project src/WhetGateway -- --config config/sample.json --urls http://127.0.0.1:5080 \
  --Idempotency:Scope:Jwt:AllowDemoSigningKey=true
