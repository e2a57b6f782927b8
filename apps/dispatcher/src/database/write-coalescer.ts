interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Turns concurrent single-item writes into few statements: while one statement runs, the items that arrive wait and
 * go together in the next (group commit). An item alone is written at once, so nothing waits for company.
 */
export class WriteCoalescer<T> {
  private readonly waiting: Waiting<T>[] = [];
  private draining = false;

  constructor(
    private readonly writeMany: (items: T[]) => Promise<void>,
    private readonly maxBatch: number,
  ) {}

  /** Resolves once the item's statement succeeded; rejects with its error, for every item of that statement. */
  write(item: T): Promise<void> {
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
        await this.writeMany(batch.map((waiting) => waiting.item));
        batch.forEach((waiting) => waiting.resolve());
      } catch (error) {
        batch.forEach((waiting) => waiting.reject(error));
      }
    }
    this.draining = false;
  }
}
