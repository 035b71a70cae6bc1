import type { HostStartup } from '../../../common/contract/power';
import type { Host } from '../../../common/domain/host';
import type { Db } from '../../platform/db';

type Startup = Omit<HostStartup, 'hostId' | 'hostName'>;
interface Row {
  host_id: number;
  start_order: number | null;
  up_delay_sec: number;
  down_delay_sec: number;
}

const NONE: Startup = { order: null, upDelaySec: 0, downDelaySec: 0 };

/** Each host's start order and delays (migration 012); a host without a row has none. */
export class StartupStore {
  constructor(private readonly db: Db) {}

  of(hosts: Host[]): HostStartup[] {
    const rows = new Map(
      (this.db.prepare('SELECT * FROM host_startup').all() as Row[]).map((r) => [r.host_id, fromRow(r)]),
    );
    return hosts.map((h) => ({ hostId: h.id, hostName: h.name, ...(rows.get(h.id) ?? NONE) }));
  }

  /** Writes only the fields given, in one statement, so two writers changing different fields both win. */
  set(host: Host, change: Partial<Startup>): { before: HostStartup; after: HostStartup } {
    return this.db.transaction(() => {
      const [before] = this.of([host]);
      this.db
        .prepare(
          `INSERT INTO host_startup (host_id, start_order, up_delay_sec, down_delay_sec)
           VALUES (@id, @order, coalesce(@up, 0), coalesce(@down, 0))
           ON CONFLICT(host_id) DO UPDATE SET
             start_order = CASE WHEN @hasOrder THEN @order ELSE start_order END,
             up_delay_sec = coalesce(@up, up_delay_sec),
             down_delay_sec = coalesce(@down, down_delay_sec)`,
        )
        .run({
          id: host.id,
          hasOrder: change.order === undefined ? 0 : 1,
          order: change.order ?? null,
          up: change.upDelaySec ?? null,
          down: change.downDelaySec ?? null,
        });
      const [after] = this.of([host]);
      return { before: before!, after: after! };
    })();
  }
}

function fromRow(r: Row): Startup {
  return { order: r.start_order, upDelaySec: r.up_delay_sec, downDelaySec: r.down_delay_sec };
}
