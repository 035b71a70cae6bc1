/** The last `size` values of a series, for sparklines; old values are overwritten in place. */
export class LiveRing {
  private readonly values: Float64Array;
  private next = 0;
  private count = 0;

  constructor(private readonly size: number) {
    this.values = new Float64Array(size);
  }

  push(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
    this.count = Math.min(this.count + 1, this.size);
  }

  /** Oldest first. */
  toArray(): number[] {
    const out: number[] = [];
    for (let i = this.count; i > 0; i--) out.push(this.values[(this.next - i + this.size) % this.size]!);
    return out;
  }
}
