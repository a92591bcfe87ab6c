// Differential test of the Go template checker against promtool: a seeded set of mutated templates
// goes into one rule file as annotations; promtool's message for each must equal ours.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROMTOOL, skipWithoutPromtool } from '../../testing/promtool';
import { checkGoTemplate } from './goTemplate';
import { PROMETHEUS_TEMPLATE_FUNCS } from './templateFuncs';

const VARS = ['$labels', '$externalLabels', '$externalURL', '$value'];

const SEEDS = [
  '{{ $labels.instance }}', '{{ if gt $value 1.0 }}a{{ else }}b{{ end }}', '{{ range $k, $v := $labels }}{{$k}}{{ end }}',
  '{{ $value | humanize }}', '{{ printf "%s" `x` }}', '{{/* c */}}', '{{- $value -}}', '{{ with $labels.a }}{{.}}{{end}}',
  '{{ (index $labels "a") }}', "{{ 'x' }}", '{{ template "t" }}', '{{ define "t" }}x{{ end }}', '{{ $x := 1 }}{{ $x = 2 }}',
];
const PIECES = ['{{', '}}', ' ', '$', 'labels', '.', 'x', '(', ')', '|', '"', '`', "'", 'if', 'end', 'else', 'range', '-', '1',
  ':=', '=', ',', '/*', '*/', '\n', 'humanize', 'foo', '$value', 'nil', 'true', '#', '%', '{', '}'];

/** Each seed plus 25 random mutations of it (insert, delete or replace a piece), deterministic. */
function templates(): string[] {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const out = new Set<string>();
  for (const s of SEEDS) {
    out.add(s);
    for (let k = 0; k < 25; k++) {
      let t = s;
      for (let o = 1 + rnd(3); o > 0; o--) {
        const at = rnd(t.length + 1);
        const kind = rnd(3);
        if (kind === 0) t = t.slice(0, at) + PIECES[rnd(PIECES.length)] + t.slice(at);
        else if (kind === 1) t = t.slice(0, at) + t.slice(at + 1 + rnd(3));
        else t = t.slice(0, at) + PIECES[rnd(PIECES.length)] + t.slice(at + 1);
      }
      out.add(t);
    }
  }
  return [...out];
}

/**
 * Go before 1.20 (Debian's promtool 2.42) lexed a stray `)` before reporting it, so the parser said
 * `unexpected ")" in command`; current Go (which Prometheus 3 is built with) says "unexpected right paren".
 */
const olderGoParen = (ours: string | null, theirs: string | null): boolean =>
  ours !== null && theirs !== null && /: unexpected right paren( in action started at \S+)?$/.test(ours) && /: unexpected "\)" in [a-z ]+$/.test(theirs);

describe('Go template checker: differential against promtool', () => {
  const cases = templates();
  it('generates a few hundred templates', () => assert.ok(cases.length > 300, String(cases.length)));

  if (skipWithoutPromtool()) return;

  it('gives promtool\'s verdict and message for every template', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    try {
      let yaml = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    annotations:\n';
      cases.forEach((c, i) => (yaml += `      k${i}: ${JSON.stringify(c)}\n`));
      writeFileSync(join(dir, 'f.yaml'), yaml);
      const run = spawnSync(PROMTOOL, ['check', 'rules', join(dir, 'f.yaml')], { encoding: 'utf8', timeout: 60_000 });
      const theirs = new Map<string, string>();
      for (const line of (run.stdout + run.stderr).split('\n')) {
        const m = /annotation "(k\d+)": (.*)$/.exec(line);
        if (m) theirs.set(m[1], m[2]);
      }
      assert.ok(theirs.size > 50, `promtool reported only ${theirs.size} template errors:\n${run.stdout}${run.stderr}`);
      let same = 0;
      const differ: string[] = [];
      cases.forEach((c, i) => {
        const ours = checkGoTemplate(c, '__alert_A', { funcs: PROMETHEUS_TEMPLATE_FUNCS, vars: VARS })?.message ?? null;
        const t = theirs.get(`k${i}`) ?? null;
        if (ours === t || olderGoParen(ours, t)) same++;
        else differ.push(`${JSON.stringify(c)}\n  ours: ${ours}\n  promtool: ${t}`);
      });
      console.log(`      templates: ${same}/${cases.length} agree with promtool (${theirs.size} invalid)`);
      assert.deepEqual(differ, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
