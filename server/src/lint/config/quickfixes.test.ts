// Mechanical fixes of the config linter: applying each fix makes its diagnostic go away.
import { strict as assert } from 'node:assert';
import { checkPrometheusConfig } from './index';

function applyFirstFix(text: string, ruleId: string): string {
  const d = checkPrometheusConfig(text, {}).find((x) => x.ruleId === ruleId);
  assert.ok(d?.fixes?.length, `no fix for ${ruleId}`);
  const edits = [...d.fixes[0].edits].sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

describe('config quick fixes', () => {
  const cases: Array<{ name: string; ruleId: string; text: string; want: RegExp }> = [
    {
      name: 'clamps a job scrape_timeout to its scrape_interval',
      ruleId: 'config/scrape-timeout',
      text: 'scrape_configs:\n  - job_name: a\n    scrape_interval: 10s\n    scrape_timeout: 20s\n    static_configs: [{targets: ["x:1"]}]\n',
      want: /scrape_timeout: 10s/,
    },
    {
      name: 'clamps the global scrape_timeout',
      ruleId: 'config/scrape-timeout',
      text: 'global:\n  scrape_interval: 15s\n  scrape_timeout: 1m\n',
      want: /scrape_timeout: 15s/,
    },
    {
      name: 'renames a misspelt key',
      ruleId: 'config/unknown-key',
      text: 'global:\n  scrape_intervall: 15s\n',
      want: /scrape_interval: 15s/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const fixed = applyFirstFix(c.text, c.ruleId);
      assert.match(fixed, c.want);
      assert.ok(!checkPrometheusConfig(fixed, {}).some((d) => d.ruleId === c.ruleId), fixed);
    });
  }
});
