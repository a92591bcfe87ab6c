// Hover over a metric name: what the data source's metadata says about it (TYPE, UNIT, HELP).
// One markdown section; the server's hover handler joins it with the others.
import type { MetricMetadata } from '../prometheus/client';
import type { VocabularyCache } from '../prometheus/vocabularyCache';

/** `**name** (counter, seconds) — HELP`; undefined without metadata. */
export function metricMetadataMarkdown(name: string, meta: MetricMetadata | undefined): string | undefined {
  if (!meta) return undefined;
  const facts = [meta.type && meta.type !== 'unknown' ? meta.type : '', meta.unit].filter((s) => s !== '');
  const help = meta.help.trim();
  if (facts.length === 0 && help === '') return undefined;
  return `**${escapeMarkdown(name)}**${facts.length ? ` (${facts.map(escapeMarkdown).join(', ')})` : ''}${help ? ` — ${escapeMarkdown(help)}` : ''}`;
}

/**
 * The metadata section for `name`, from the cache; a first hover waits up to `waitMs` for the
 * metadata request (started here if needed), later ones answer at once.
 */
export async function metricHoverSection(cache: VocabularyCache | undefined, name: string, waitMs = 300): Promise<string | undefined> {
  if (!cache || cache.disposed) return undefined;
  let found = cache.metricMetadata(name);
  if (found.value === undefined && found.pending) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([found.pending, new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
    found = cache.metricMetadata(name);
  }
  return metricMetadataMarkdown(name, found.value ?? undefined);
}

/** Backslash-escapes what markdown would read as markup (HELP texts are plain text). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
}
