// The functions Prometheus adds to Go's templates (template/template.go), for the template checker.
export const PROMETHEUS_TEMPLATE_FUNCS: ReadonlySet<string> = new Set([
  'query', 'first', 'label', 'value', 'strvalue', 'args', 'reReplaceAll', 'safeHtml', 'match', 'title',
  'toUpper', 'toLower', 'graphLink', 'tableLink', 'sortByLabel', 'humanize', 'humanize1024',
  'humanizeDuration', 'humanizePercentage', 'humanizeTimestamp', 'toTime', 'toDuration', 'pathPrefix',
  'externalURL', 'parseDuration', 'now', 'stripPort', 'stripDomain', 'urlQueryEscape',
]);
