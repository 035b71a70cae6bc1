/**
 * The points of one threshold rule's time window and their running sum, in a ring of two Float64Arrays: a sample
 * adds a point and drops those that fell out without allocating (an array of [t, v] pairs with shift() allocated
 * a pair per sample, and a copy of a long window whenever V8 could not trim it in place).
 */
export class AverageWindow {
  private times = new Float64Array(16);
  private values = new Float64Array(16);
  private head = 0;
  private size = 0;
  private sum = 0;

  /** Adds a point, then drops points older than `fromMs`, always keeping the newest. */
  add(atMs: number, value: number, fromMs: number): void {
    if (this.size === this.times.length) this.grow();
    const i = (this.head + this.size) % this.times.length;
    this.times[i] = atMs;
    this.values[i] = value;
    this.size++;
    this.sum += value;
    while (this.size > 1 && this.times[this.head]! < fromMs) {
      this.sum -= this.values[this.head]!;
      this.head = (this.head + 1) % this.times.length;
      this.size--;
    }
  }

  get average(): number {
    return this.sum / this.size;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const values = new Float64Array(this.values.length * 2);
    for (let k = 0; k < this.size; k++) {
      const j = (this.head + k) % this.times.length;
      times[k] = this.times[j]!;
      values[k] = this.values[j]!;
    }
    this.times = times;
    this.values = values;
    this.head = 0;
  }
}
