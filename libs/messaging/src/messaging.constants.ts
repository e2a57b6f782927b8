export const MESSAGING_OPTIONS = Symbol('notify:messaging-options');
export const KAFKA_CLIENT = Symbol('notify:kafka-client');
