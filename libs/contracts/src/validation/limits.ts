/** Upper bounds on string and array sizes accepted in event payloads. */
export const Limits = {
  id: 200,
  displayName: 200,
  communityName: 200,
  title: 300,
  excerpt: 2000,
  message: 2000,
  reason: 2000,
  diagnostic: 2000,
  url: 2000,
  /** RFC 5321: 64 octets local part + @ + 255 octets domain. */
  email: 320,
  locale: 35,
  timeZone: 64,
  /** Keeps one comment event well under Kafka's default 1 MB record size. */
  commentRecipients: 1000,
  moderators: 100,
} as const;
