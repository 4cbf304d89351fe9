#!/bin/bash
# LocalStack init hook (runs inside the container from /etc/localstack/init/ready.d
# once LocalStack is ready). Creates what template.yaml creates for Stage=dev, with the
# same physical names, keys, TTL and queue attributes, plus the SSM SecureString
# parameters the functions read at start-up, holding fake local-only values.
# Idempotent: re-running it (or restarting a persistent LocalStack) changes nothing
# and does not fail.
#
# Keep in step with template.yaml (queue attributes, table keys) and with
# events/env.local.json (names, fake secrets).
set -euo pipefail

STAGE=dev
PREFIX="clickup-sync-${STAGE}"
MAX_RECEIVE_COUNT=5   # template parameter MaxReceiveCount, default
log() { echo "[clickup-sync init] $*"; }

# ------------------------------------------------------------------ SQS
# Returns the queue URL, creating the queue if needed. Attributes are set separately,
# so an existing queue is brought to the wanted state instead of erroring.
ensure_queue() {
  awslocal sqs get-queue-url --queue-name "$1" --query QueueUrl --output text 2>/dev/null \
    || awslocal sqs create-queue --queue-name "$1" --query QueueUrl --output text
}

dlq_url=$(ensure_queue "${PREFIX}-events-dlq")
awslocal sqs set-queue-attributes --queue-url "$dlq_url" --attributes \
  MessageRetentionPeriod=1209600,MaximumMessageSize=1048576,SqsManagedSseEnabled=true
dlq_arn=$(awslocal sqs get-queue-attributes --queue-url "$dlq_url" \
  --attribute-names QueueArn --query Attributes.QueueArn --output text)

queue_url=$(ensure_queue "${PREFIX}-events")
# 14 days retention, 1 MiB messages, visibility 360 s = 6 x drain timeout, DLQ after
# MAX_RECEIVE_COUNT receives, SQS-managed encryption.
awslocal sqs set-queue-attributes --queue-url "$queue_url" --attributes "$(printf \
  '{"MessageRetentionPeriod":"1209600","MaximumMessageSize":"1048576","VisibilityTimeout":"360","SqsManagedSseEnabled":"true","RedrivePolicy":"{\\"deadLetterTargetArn\\":\\"%s\\",\\"maxReceiveCount\\":\\"%s\\"}"}' \
  "$dlq_arn" "$MAX_RECEIVE_COUNT")"
log "queue ${queue_url} (DLQ ${dlq_url})"

# The commands queue (write-back into ClickUp), same shape: DLQ after MAX_RECEIVE_COUNT receives.
commands_dlq_url=$(ensure_queue "${PREFIX}-commands-dlq")
awslocal sqs set-queue-attributes --queue-url "$commands_dlq_url" --attributes \
  MessageRetentionPeriod=1209600,SqsManagedSseEnabled=true
commands_dlq_arn=$(awslocal sqs get-queue-attributes --queue-url "$commands_dlq_url" \
  --attribute-names QueueArn --query Attributes.QueueArn --output text)
commands_url=$(ensure_queue "${PREFIX}-commands")
awslocal sqs set-queue-attributes --queue-url "$commands_url" --attributes "$(printf \
  '{"MessageRetentionPeriod":"1209600","VisibilityTimeout":"360","SqsManagedSseEnabled":"true","RedrivePolicy":"{\\"deadLetterTargetArn\\":\\"%s\\",\\"maxReceiveCount\\":\\"%s\\"}"}' \
  "$commands_dlq_arn" "$MAX_RECEIVE_COUNT")"
log "queue ${commands_url} (DLQ ${commands_dlq_url})"

# ------------------------------------------------------------------ DynamoDB
# Every table: on-demand, pk/sk (String), TTL on expires_at. (Encryption at rest is
# not emulated, so no SSE specification here.)
ensure_table() {
  local name="$1"
  if ! awslocal dynamodb describe-table --table-name "$name" >/dev/null 2>&1; then
    awslocal dynamodb create-table --table-name "$name" \
      --billing-mode PAY_PER_REQUEST \
      --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
      --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE >/dev/null
    awslocal dynamodb wait table-exists --table-name "$name"
  fi
  # UpdateTimeToLive fails if TTL is already enabled, so check first.
  local ttl
  ttl=$(awslocal dynamodb describe-time-to-live --table-name "$name" \
    --query TimeToLiveDescription.TimeToLiveStatus --output text 2>/dev/null || echo NONE)
  if [ "$ttl" != "ENABLED" ] && [ "$ttl" != "ENABLING" ]; then
    awslocal dynamodb update-time-to-live --table-name "$name" \
      --time-to-live-specification Enabled=true,AttributeName=expires_at >/dev/null
  fi
  log "table ${name}"
}

ensure_table "${PREFIX}-idempotency"
ensure_table "${PREFIX}-mirror"
ensure_table "${PREFIX}-control"
ensure_table "${PREFIX}-field-cache"
# Point-in-time recovery, as in the template; harmless if the emulator ignores it.
awslocal dynamodb update-continuous-backups --table-name "${PREFIX}-mirror" \
  --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true >/dev/null \
  || log "point-in-time recovery not available on this LocalStack (ignored)"

# ------------------------------------------------------------------ SSM
# SecureString parameters, as on AWS: the functions get only their names
# (CLICKUP_API_TOKEN_PARAMETER, ...) and read the values at start-up with
# GetParameter WithDecryption (dev.clickupsync.infra.secrets). Fake, local-only values,
# the ones events/ signs with. LocalStack encrypts with its own emulated aws/ssm key.
# SSM rejects an empty value, so "no previous webhook secret" is stored as "-" (the
# code reads "-" or blank as "none"). --overwrite makes re-running safe.
put_secure_string() {
  awslocal ssm put-parameter --name "$1" --type SecureString --value="$2" --overwrite >/dev/null
  log "ssm $1 (SecureString)"
}
put_secure_string "/clickup-sync/${STAGE}/api-token" "pk_local_fake_token"
put_secure_string "/clickup-sync/${STAGE}/webhook-secret" "local-dev-webhook-secret"
put_secure_string "/clickup-sync/${STAGE}/webhook-previous-secret" "-"
# The read API's tokens (comma-separated, one per consumer), for sam local with ReadFunction.
put_secure_string "/clickup-sync/${STAGE}/read-api-tokens" "local-dev-read-token"
# The console's admin token (AdminConsole=enabled), for sam local with ConsoleFunction.
put_secure_string "/clickup-sync/${STAGE}/console-token" "local-dev-console-token"

log "done"
