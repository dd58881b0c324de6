#!/usr/bin/env bash
# Publishes the built SPA (frontend/dist) to a deployed stack: writes config.json from the stack's outputs, syncs the
# files to the stack's SPA bucket and invalidates the CloudFront cache. Usage: scripts/aws-publish-spa.sh STACK_NAME
# Needs the AWS CLI with credentials for the stack's account; run `npm run build` in frontend/ first.
set -euo pipefail
cd "$(dirname "$0")/.."
stack=${1:?usage: scripts/aws-publish-spa.sh STACK_NAME}
output() { aws cloudformation describe-stacks --stack-name "$stack" --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }
parameter() { aws cloudformation describe-stacks --stack-name "$stack" --query "Stacks[0].Parameters[?ParameterKey=='$1'].ParameterValue" --output text; }
[ -f frontend/dist/index.html ] || { echo "error: frontend/dist is not built (cd frontend && npm ci && npm run build)" >&2; exit 1; }

bucket=$(output SpaBucketName)
api=$(output HttpApiUrl); ws=$(output WebSocketUrl); site=$(output SpaUrl)
issuer=$(parameter OidcIssuerUrl); client=$(parameter OidcAudience)
printf '{"apiUrl":"%s","wsUrl":"%s","oidc":{"issuer":"%s","clientId":"%s"}}\n' "$api" "$ws" "$issuer" "$client" > frontend/dist/config.json

# hashed assets are immutable; index.html and config.json must never be cached stale
aws s3 sync frontend/dist "s3://$bucket" --delete --exclude index.html --exclude config.json --cache-control "public,max-age=31536000,immutable"
aws s3 cp frontend/dist/index.html "s3://$bucket/index.html" --cache-control "no-cache"
aws s3 cp frontend/dist/config.json "s3://$bucket/config.json" --cache-control "no-cache"
distribution=$(aws cloudfront list-distributions --query "DistributionList.Items[?DomainName=='${site#https://}'].Id" --output text)
aws cloudfront create-invalidation --distribution-id "$distribution" --paths "/index.html" "/config.json" > /dev/null
echo "SPA published: $site"
