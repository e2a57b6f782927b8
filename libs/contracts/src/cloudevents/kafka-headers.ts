import { EnvelopeError } from './envelope-error';

/** A header value as kafkajs delivers it: one value, or several when the header is repeated. */
export type KafkaHeaderValue = Buffer | string | null | undefined | (Buffer | string)[];
export type KafkaHeaders = Record<string, KafkaHeaderValue>;

function asText(value: Buffer | string): string {
  return typeof value === 'string' ? value : value.toString('utf8');
}

/** Read access to a record's headers by case-insensitive name, decoded as UTF-8. */
export class RecordHeaders {
  private readonly values = new Map<string, string[]>();

  constructor(headers: KafkaHeaders = {}) {
    for (const [name, raw] of Object.entries(headers)) {
      if (raw === undefined || raw === null) {
        continue;
      }
      const key = name.toLowerCase();
      const decoded = (Array.isArray(raw) ? raw : [raw]).map(asText);
      this.values.set(key, [...(this.values.get(key) ?? []), ...decoded]);
    }
  }

  /** The header's value; a header repeated with different values is ambiguous and rejected. */
  get(name: string): string | undefined {
    const values = this.values.get(name.toLowerCase()) ?? [];
    if (values.some((value) => value !== values[0])) {
      throw new EnvelopeError('conflicting-header', `header ${name} is repeated with different values`, name);
    }
    return values[0];
  }
}
