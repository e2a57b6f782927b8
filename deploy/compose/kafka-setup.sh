#!/bin/sh
# Topics, and one SCRAM principal per service with its password file and the ACLs of
# deploy/k8s/kafka/kafka-users.yaml (deploy/test/compose-kafka-acls.spec.ts keeps the two equal), over the broker's
# loopback listener (this container shares the broker's network). Idempotent: run again after a change.
set -eu
bin=/opt/kafka/bin
admin="--bootstrap-server 127.0.0.1:9094"

topic() { # name partitions [compact]
  config=""
  [ "${3:-}" = compact ] && config="--config cleanup.policy=compact"
  $bin/kafka-topics.sh $admin --create --if-not-exists --topic "$1" --partitions "$2" --replication-factor 1 $config
  $bin/kafka-topics.sh $admin --create --if-not-exists --topic "$1.dlq" --partitions "$2" --replication-factor 1
}
topic platform.activity.v1 6
topic communities.events.v1 3
topic moderation.events.v1 3
topic preferences.profiles.v1 3 compact
topic notifications.email-feedback.v1 3

user() { # name password: the SCRAM credential, and the password file only that service mounts
  printf '%s' "$2" > "/credentials/$1/password"
  chmod 444 "/credentials/$1/password"
  $bin/kafka-configs.sh $admin --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"
}
acl() { # principal operation topic...
  principal=$1 operation=$2
  shift 2
  for name in "$@"; do
    $bin/kafka-acls.sh $admin --add --allow-principal "User:$principal" --operation "$operation" --operation Describe \
      --topic "$name" >/dev/null
  done
}
group() { # principal
  $bin/kafka-acls.sh $admin --add --allow-principal "User:$1" --operation Read --group "$1" >/dev/null
}
group_prefix() { # principal: Read on its throw-away consumer groups, named <principal>-<uuid>
  $bin/kafka-acls.sh $admin --add --allow-principal "User:$1" --operation Read --group "$1-" \
    --resource-pattern-type prefixed >/dev/null
}
describe_groups() { # principal group...: Describe only, to read another consumer group's committed offsets
  principal=$1
  shift
  for name in "$@"; do
    $bin/kafka-acls.sh $admin --add --allow-principal "User:$principal" --operation Describe --group "$name" >/dev/null
  done
}

user communities "$KAFKA_PASSWORD_COMMUNITIES"
acl communities Write communities.events.v1 moderation.events.v1.dlq platform.activity.v1.dlq
acl communities Read moderation.events.v1 platform.activity.v1
group communities

user moderation "$KAFKA_PASSWORD_MODERATION"
acl moderation Write moderation.events.v1 communities.events.v1.dlq platform.activity.v1.dlq
acl moderation Read communities.events.v1 platform.activity.v1
group moderation

user preferences "$KAFKA_PASSWORD_PREFERENCES"
acl preferences Write preferences.profiles.v1 platform.activity.v1.dlq
acl preferences Read platform.activity.v1
group preferences

user dispatcher "$KAFKA_PASSWORD_DISPATCHER"
acl dispatcher Write platform.activity.v1.dlq communities.events.v1.dlq moderation.events.v1.dlq \
  preferences.profiles.v1.dlq notifications.email-feedback.v1.dlq notifications.email-feedback.v1
acl dispatcher Read platform.activity.v1 communities.events.v1 moderation.events.v1 preferences.profiles.v1 \
  notifications.email-feedback.v1
group dispatcher

user platform "$KAFKA_PASSWORD_PLATFORM"
acl platform Write platform.activity.v1

user console "$KAFKA_PASSWORD_CONSOLE"
acl console Read platform.activity.v1.dlq communities.events.v1.dlq moderation.events.v1.dlq \
  preferences.profiles.v1.dlq notifications.email-feedback.v1.dlq
acl console Write platform.activity.v1 communities.events.v1 moderation.events.v1 preferences.profiles.v1 \
  notifications.email-feedback.v1
group_prefix console
describe_groups console communities moderation preferences dispatcher
echo "kafka setup done"
