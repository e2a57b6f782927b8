import { deadLetterTopic } from '@notify/contracts';

/** Maps logical topic names (the persisted API) to the physical names of one deployment. */
export class TopicNamer {
  constructor(private readonly prefix: string) {}

  physical(logical: string): string {
    return `${this.prefix}${logical}`;
  }

  logical(physical: string): string {
    return physical.startsWith(this.prefix) ? physical.slice(this.prefix.length) : physical;
  }

  deadLetter(logical: string): string {
    return deadLetterTopic(this.physical(logical));
  }
}
