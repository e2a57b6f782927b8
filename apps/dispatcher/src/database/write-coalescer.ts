interface Waiting<T, R> {
  item: T;
  resolve: (result: R | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Turns concurrent single-item writes into few statements: while one statement runs, the items that arrive wait and
 * go together in the next (group commit). An item alone is written at once, so nothing waits for company.
 */
export class WriteCoalescer<T, R = void> {
  private readonly waiting: Waiting<T, R>[] = [];
  private draining = false;

  constructor(
    /** Writes the items in one statement; may answer with one result per item, in their order. */
    private readonly writeMany: (items: T[]) => Promise<R[] | void>,
    private readonly maxBatch: number,
  ) {}

  /** Resolves with the item's result once its statement succeeded; rejects with its error, for every item of it. */
  write(item: T): Promise<R | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.draining) {
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const results = await this.writeMany(batch.map((waiting) => waiting.item));
        batch.forEach((waiting, index) => waiting.resolve(results ? results[index] : undefined));
      } catch (error) {
        batch.forEach((waiting) => waiting.reject(error));
      }
    }
    this.draining = false;
  }
}
