#!/bin/sh
# A self-signed CA certificate for the broker (keystore) and its PEM copy for the services (KAFKA_SSL_CA_FILE).
set -eu
dir=/etc/kafka/secrets
if [ -f "$dir/kafka.keystore.p12" ]; then
  exit 0
fi
keytool -genkeypair -noprompt -alias kafka -keyalg RSA -keysize 2048 -validity 825 \
  -dname "CN=kafka" -ext "SAN=dns:kafka,dns:localhost,ip:127.0.0.1" -ext "BC=ca:true" \
  -storetype PKCS12 -keystore "$dir/kafka.keystore.p12" -storepass "$KAFKA_TLS_PASSWORD"
keytool -exportcert -rfc -alias kafka -keystore "$dir/kafka.keystore.p12" -storepass "$KAFKA_TLS_PASSWORD" \
  -file "$dir/ca.crt"
# The broker runs as uid 1000; the services read only ca.crt.
chmod 644 "$dir/ca.crt" "$dir/kafka.keystore.p12"
