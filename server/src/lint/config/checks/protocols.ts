// Scrape protocol negotiation settings (config.ScrapeProtocol and validateAcceptScrapeProtocols).
export const scrapeProtocols = [
  'OpenMetricsText0.0.1', 'OpenMetricsText1.0.0', 'PrometheusProto', 'PrometheusText0.0.4', 'PrometheusText1.0.0',
];

export function unknownProtocol(p: string): string | undefined {
  return scrapeProtocols.includes(p) ? undefined : `unknown scrape protocol ${p}, supported: [${scrapeProtocols.join(' ')}]`;
}

/** The error for a `scrape_protocols` list, without the "for ..." suffix Prometheus appends. */
export function protocolListError(list: string[]): string | undefined {
  if (list.length === 0) return 'scrape_protocols cannot be empty';
  const seen = new Set<string>();
  for (const p of list) {
    if (seen.has(p.toLowerCase())) return `duplicated protocol in scrape_protocols, got [${list.join(' ')}]`;
    const err = unknownProtocol(p);
    if (err) return `scrape_protocols: ${err}`;
    seen.add(p.toLowerCase());
  }
  return undefined;
}
