/** When digests go out: read from the configuration, used by the digest schedule. */
export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface DigestSchedule {
  /** Local hour (0-23) at which digests go out. */
  hour: number;
  /** Local day on which weekly digests go out. */
  weekday: Weekday;
}
