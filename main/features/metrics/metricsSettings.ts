import { QuietHours, type MetricsSettings } from '../../../common/contract/metrics';
import type { Db } from '../../platform/db';

const DEFAULT_BACKGROUND_INTERVAL_SEC = 30;

/** The collection settings in SQLite: a background interval, the hosts switched off, the quiet hours. */
export class MetricsSettingsRepo {
  constructor(private readonly db: Db) {}

  get(): MetricsSettings {
    const raw = this.db.prepare("SELECT value FROM metric_settings WHERE key = 'backgroundIntervalSec'").pluck().get();
    const interval = Number(raw);
    const disabled = this.db.prepare('SELECT host_id FROM metric_host_settings WHERE enabled = 0').pluck().all();
    return {
      quietHours: this.quietHours(),
      backgroundIntervalSec:
        Number.isInteger(interval) && interval >= 5 && interval <= 3600 ? interval : DEFAULT_BACKGROUND_INTERVAL_SEC,
      disabledHostIds: disabled as number[],
    };
  }

  /** Stored as JSON and read back through the schema: a damaged value means no quiet hours, not a crash. */
  private quietHours(): MetricsSettings['quietHours'] {
    const raw = this.db.prepare("SELECT value FROM metric_settings WHERE key = 'quietHours'").pluck().get();
    if (typeof raw !== 'string') return null;
    try {
      const parsed = QuietHours.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Changes only what is given. Unknown host ids are ignored (the host was deleted meanwhile). */
  set(changes: Partial<MetricsSettings>): MetricsSettings {
    this.db.transaction(() => {
      if (changes.backgroundIntervalSec !== undefined)
        this.db
          .prepare("INSERT OR REPLACE INTO metric_settings (key, value) VALUES ('backgroundIntervalSec', ?)")
          .run(String(changes.backgroundIntervalSec));
      if (changes.quietHours === null) this.db.prepare("DELETE FROM metric_settings WHERE key = 'quietHours'").run();
      else if (changes.quietHours !== undefined)
        this.db
          .prepare("INSERT OR REPLACE INTO metric_settings (key, value) VALUES ('quietHours', ?)")
          .run(JSON.stringify(changes.quietHours));
      if (changes.disabledHostIds !== undefined) {
        this.db.prepare('DELETE FROM metric_host_settings').run();
        const insert = this.db.prepare(
          'INSERT INTO metric_host_settings (host_id, enabled) SELECT id, 0 FROM hosts WHERE id = ?',
        );
        for (const id of new Set(changes.disabledHostIds)) insert.run(id);
      }
    })();
    return this.get();
  }
}
