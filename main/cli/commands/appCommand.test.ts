import { afterAll, describe, expect, it } from 'vitest';
import { commandSpec } from '../../../common/contract';
import { tempServices } from '../../testing/tempServices';
import { FIRST_PAGE_QUERIES } from './appCommand';

const services = tempServices();
afterAll(() => services.cleanup());

describe('serve warms the first page’s calls while the page loads', () => {
  it('runs only queries, which change nothing and are answered on a fresh data dir', async () => {
    for (const [name, input] of FIRST_PAGE_QUERIES) {
      expect((await commandSpec(name))?.mutates, name).toBe(false);
      expect(await services.dispatch(name, input, { door: 'ws' }), name).toMatchObject({ ok: true });
    }
    expect(services.audit.list({ limit: 10 })).toEqual([]);
  });
});
