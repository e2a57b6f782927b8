/** Samples this process's resident set size on a timer and keeps the peak. */
export class RssSampler {
  private peakBytes = process.memoryUsage.rss();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    this.timer = setInterval(() => {
      this.peakBytes = Math.max(this.peakBytes, process.memoryUsage.rss());
    }, intervalMs);
  }

  /** Stops sampling; resolves with the peak in MiB. */
  stop(): number {
    clearInterval(this.timer);
    this.peakBytes = Math.max(this.peakBytes, process.memoryUsage.rss());
    return this.peakBytes / (1024 * 1024);
  }
}
