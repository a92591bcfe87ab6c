// The data sources the language server may talk to: the settings the client sent (already filtered
// by Workspace Trust), the secrets it sent (kept in memory only), and the one in use. Hands out one
// PrometheusClient per data source and tells listeners when the active one changes, so caches
// built from it (metric names, previews) are dropped.
import { PrometheusClient, type Credentials, type DataSourceSettings } from '../prometheus/client';
import { DEFAULT_QUERY } from './settings';

export interface ActiveDataSource {
  settings: DataSourceSettings;
  client: PrometheusClient;
}

export interface DataSourceOptions {
  timeoutMs: number;
  maxSeries: number;
  maxPoints: number;
}

export class DataSources {
  private list: DataSourceSettings[] = [];
  private activeName: string | undefined;
  private credentials: Record<string, Credentials> = {};
  private options: DataSourceOptions = DEFAULT_QUERY;
  private readonly clients = new Map<string, PrometheusClient | null>();
  private readonly listeners = new Set<() => void>();
  private identity = '';

  update(list: DataSourceSettings[], activeName: string | undefined, options: DataSourceOptions = DEFAULT_QUERY): void {
    this.list = list;
    this.activeName = activeName;
    this.options = options;
    this.clients.clear();
    this.changed();
  }

  setCredentials(credentials: Record<string, Credentials>): void {
    this.credentials = credentials;
    this.clients.clear();
    this.changed();
  }

  all(): readonly DataSourceSettings[] {
    return this.list;
  }

  byName(name: string): DataSourceSettings | undefined {
    return this.list.find((d) => d.name === name);
  }

  /** The active data source's settings: the named one, else the first; undefined when none. */
  activeSettings(): DataSourceSettings | undefined {
    return (this.activeName !== undefined ? this.byName(this.activeName) : undefined) ?? this.list[0];
  }

  credentialsFor(name: string): Credentials {
    return this.credentials[name] ?? {};
  }

  /** A client for the active data source; undefined when none is configured or its URL is invalid. */
  active(): ActiveDataSource | undefined {
    const settings = this.activeSettings();
    if (!settings) return undefined;
    const client = this.clientFor(settings);
    return client ? { settings, client } : undefined;
  }

  clientFor(settings: DataSourceSettings, timeoutMs = this.options.timeoutMs): PrometheusClient | undefined {
    const key = `${settings.name}\u0000${timeoutMs}`;
    if (!this.clients.has(key)) {
      try {
        const caps = { maxSeries: this.options.maxSeries, maxPointsPerSeries: this.options.maxPoints };
        this.clients.set(key, new PrometheusClient(settings, this.credentialsFor(settings.name), { timeoutMs, caps }));
      } catch {
        this.clients.set(key, null); // invalid URL or unreadable CA file: reported when a query runs
      }
    }
    return this.clients.get(key) ?? undefined;
  }

  get queryOptions(): DataSourceOptions {
    return this.options;
  }

  /** Called when the active data source (its URL, headers, auth or secrets) changes. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    const active = this.activeSettings();
    const identity = active ? JSON.stringify([active, this.credentials[active.name] ?? {}]) : '';
    if (identity === this.identity) return;
    this.identity = identity;
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        // a listener's failure must not stop the others
      }
    }
  }
}
