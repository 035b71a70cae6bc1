import { describe, expect, it } from 'vitest';
import { tempServices } from '../testing/tempServices';

// Real services on a real SQLite file: shutdown may be asked for twice (a signal during shutdown, a test cleanup).
describe('services.close', () => {
  it('runs every closer once, last registered first, however often and however concurrently it is called', async () => {
    const s = tempServices();
    const ran: string[] = [];
    s.onClose(() => void ran.push('first'));
    s.onClose(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      ran.push('second');
    });
    s.onClose(() => void ran.push('third'));
    await Promise.all([s.close(), s.close()]);
    await s.close();
    expect(ran).toEqual(['third', 'second', 'first']);
    expect(() => s.db.prepare('SELECT 1').get()).toThrow(/not open/);
    await s.cleanup();
    expect(ran).toHaveLength(3);
  });
});
