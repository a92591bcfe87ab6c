import assert from 'node:assert/strict';
import { checkGoTemplate, goTemplateProblems } from './goTemplate';
import { PROMETHEUS_TEMPLATE_FUNCS } from './templateFuncs';

const VARS = ['$labels', '$externalLabels', '$externalURL', '$value'];
const check = (t: string) => checkGoTemplate(t, '__alert_A', { funcs: PROMETHEUS_TEMPLATE_FUNCS, vars: VARS });

describe('Go text/template checker', () => {
  const valid = [
    'plain text, no actions',
    'Instance {{ $labels.instance }} down',
    "stuff's happening with {{ $.labels.service }}",
    '{{ if gt $value 1.0 }}big{{ else if lt $value 0.5 }}small{{ else }}mid{{ end }}',
    '{{ range $k, $v := $labels }}{{ $k }}={{ $v }}{{ end }}',
    '{{ range $labels }}{{ . }}{{ break }}{{ end }}',
    '{{ with $labels.job }}{{ . }}{{ else }}none{{ end }}',
    '{{ $value | humanize }} {{ humanizePercentage $value }} {{ printf "%.2f" $value }}',
    '{{- /* comment */ -}}x',
    '{{/* multi\nline */}}',
    '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}',
    '{{ `raw {{ string` }} {{ "a\\"b\\n" }} {{ \'c\' }}',
    '{{ 1.5e3 }} {{ 0x1F }} {{ -1 }} {{ true }} {{ nil | print }}',
    '{{ define "x" }}y{{ end }}{{ template "x" . }}{{ block "b" . }}z{{ end }}',
    // Numbers as text/template's newNumber takes them (each checked against promtool 2.42).
    '{{ 1+2i }} {{ -1+2i }} {{ 1.5e3+2.5e-3i }} {{ 2i }} {{ 1.5i }} {{ 1e-400 }} {{ 00 }} {{ 07 }}',
    '{{ 18446744073709551615 }} {{ -9223372036854775808 }} {{ 0X_1F }} {{ 0b_1 }} {{ 1_000.000_1 }} {{ 0x1p1_0 }} {{ 0x.8p1 }} {{ 1. }}',
    // Defined twice, but one of the two is empty (whitespace and comments).
    '{{ define "x" }} {{/* c */}} {{ end }}{{ define "x" }}b{{ end }}{{ define "x" }}{{ end }}',
    '{{ (index $labels "job") }} {{ len $labels | printf "%d" }}',
    '{{ with query "up" }}{{ . | first | value | humanize }}{{ end }}',
    '{{\n  $labels.instance\n}}',
  ];
  it('survives 5,000 nested actions', () => {
    assert.doesNotThrow(() => check('{{ if true }}'.repeat(5000)));
    assert.equal(check(`${'{{ if true }}'.repeat(200)}${'{{ end }}'.repeat(200)}`), null);
    assert.match(check(`${'{{ if true }}'.repeat(200)}${'{{ end }}'.repeat(199)}`)?.message ?? '', /unexpected EOF$/);
  });

  for (const t of valid) it(`accepts ${JSON.stringify(t)}`, () => assert.equal(check(t), null));

  // Messages as Go prints them (several confirmed against promtool: see test-fixtures/lint/rules/bad).
  const invalid: Array<[string, string]> = [
    ['{{ $label.instance }}', 'template: __alert_A:1: undefined variable "$label"'],
    ['{{$this_is_wrong}}', 'template: __alert_A:1: undefined variable "$this_is_wrong"'],
    ['{{$labels.quantile * 100}}', 'template: __alert_A:1: unexpected "*" in operand'],
    ['{{ $labels.instance down', 'template: __alert_A:1: function "down" not defined'],
    ['{{ humanise $value }}', 'template: __alert_A:1: function "humanise" not defined'],
    ['ops{{ end }}', 'template: __alert_A:1: unexpected {{end}}'],
    ['{{ else }}', 'template: __alert_A:1: unexpected {{else}}'],
    ['{{ if gt $value 1.0 }}\nbig\n', 'template: __alert_A:3: unexpected EOF'],
    ['{{ $value', 'template: __alert_A:1: unclosed action'],
    ['{{ $value }', 'template: __alert_A:1: unexpected "}" in operand'],
    ['{{/* never closed', 'template: __alert_A:1: unclosed comment'],
    ['{{/* c */ x }}', 'template: __alert_A:1: comment ends before closing delimiter'],
    ['{{ if }}x{{ end }}', 'template: __alert_A:1: missing value for if'],
    ['{{ }}', 'template: __alert_A:1: missing value for command'],
    ['{{ . | 3 }}', 'template: __alert_A:1: non executable command in pipeline stage 2'],
    ['{{ break }}', 'template: __alert_A:1: {{break}} outside {{range}}'],
    ['{{ "unterminated }}', 'template: __alert_A:1: unterminated quoted string'],
    ['{{ (1 }}', 'template: __alert_A:1: unclosed left paren'],
    ['{{ 3x }}', 'template: __alert_A:1: bad number syntax: "3x"'],
    ['{{ $x := 1 }}{{ if true }}{{ $y := 2 }}{{ end }}{{ $y }}', 'template: __alert_A:1: undefined variable "$y"'],
    ['{{ define "d" }}{{ $labels }}{{ end }}', 'template: __alert_A:1: undefined variable "$labels"'],
    ['{{ 1.foo }}', 'template: __alert_A:1: bad number syntax: "1.f"'],
    ['{{ "x".y }}', 'template: __alert_A:1: unexpected . after term "\\"x\\""'],
    ['{{ if true }}\n{{ "open\n}}', 'template: __alert_A:2: unterminated quoted string'],
    ['{{ 1 )}}', 'template: __alert_A:1: unexpected right paren'],
    ['{{ if gt\n -value 1.0 }}', 'template: __alert_A:2: bad number syntax: "-v" in action started at __alert_A:1'],
    ['{{ print\n $value', 'template: __alert_A:2: unclosed action started at __alert_A:1'],
    ['{{ if true }}a{{ else }}b{{ else }}c{{ end }}', 'template: __alert_A:1: expected end; found {{else}}'],
    ['{{ 1e400 }}', 'template: __alert_A:1: illegal number syntax: "1e400"'],
    ['{{ 99999999999999999999 }}', 'template: __alert_A:1: integer overflow: "99999999999999999999"'],
    ['{{ -9223372036854775809 }}', 'template: __alert_A:1: integer overflow: "-9223372036854775809"'],
    ['{{ 089 }}', 'template: __alert_A:1: integer overflow: "089"'],
    ['{{ 0x }}', 'template: __alert_A:1: illegal number syntax: "0x"'],
    ['{{ 1__0 }}', 'template: __alert_A:1: illegal number syntax: "1__0"'],
    ['{{ 1_e5 }}', 'template: __alert_A:1: illegal number syntax: "1_e5"'],
    ['{{ 1._5 }}', 'template: __alert_A:1: illegal number syntax: "1._5"'],
    ['{{ 0x1i }}', 'template: __alert_A:1: illegal number syntax: "0x1i"'],
    ['{{ define "x" }}a{{ end }}\n{{ define "x" }}\nb{{ end }}', 'template: __alert_A:3: template: multiple definition of template "x"'],
    ['{{ define "x" }}a{{ end }}{{ block "x" . }}c{{ end }}', 'template: __alert_A:1: template: multiple definition of template "x"'],
  ];
  for (const [t, msg] of invalid) {
    it(`rejects ${JSON.stringify(t)}`, () => {
      const err = check(t);
      assert.ok(err, 'expected an error');
      assert.equal(err.message, msg);
      assert.ok(err.offset >= 0 && err.offset <= t.length);
    });
  }
});

describe('Go text/template: commands that fail whenever they run', () => {
  const problems = (t: string) => goTemplateProblems(t, '__alert_A', { funcs: PROMETHEUS_TEMPLATE_FUNCS, vars: VARS });
  // [template, Go's message (text/template exec.go), the underlined operand] or [template, null] when it runs.
  const cases: Array<[string, string | null, string?]> = [
    ['{{ $labels.deployment | $labels.statefulset }}', 'statefulset is not a method but has arguments', '$labels.statefulset'],
    ['{{ .Labels.job | .Labels.instance }}', 'instance is not a method but has arguments', '.Labels.instance'],
    ['{{ $value | $labels }}', "can't give argument to non-function $labels", '$labels'],
    ['{{ $labels.job "x" }}', 'job is not a method but has arguments', '$labels.job'],
    ['{{ .Value 1 }}', 'Value has arguments but cannot be invoked as function', '.Value'],
    ['{{ "a" "b" }}', 'can\'t give argument to non-function "a"', '"a"'],
    ['{{ if true }}{{ $labels.a | $labels.b }}{{ end }}', 'b is not a method but has arguments', '$labels.b'],
    ['{{ $labels.job | printf "%s" }}', null],
    ['{{ $value | humanize }} {{ or $labels.deployment $labels.statefulset }}', null],
    ['{{ with query "up" }}{{ . | first | value }}{{ end }}', null],
    ['{{ (index $labels "job") }} {{ $labels.job }} {{ nil | print }}', null],
    ['{{ range $k, $v := $labels }}{{ $k }}={{ $v }}{{ end }}', null],
    ['{{ $labels.a | $labels.b', null], // a parse error comes first: Go never runs it
  ];
  for (const [t, msg, at] of cases) {
    it(`${JSON.stringify(t)}: ${msg ?? 'runs'}`, () => {
      const r = problems(t);
      if (msg === null) return assert.equal(r.exec, null);
      assert.equal(r.error, null);
      assert.ok(r.exec, 'an exec problem');
      assert.ok(r.exec.message.startsWith('executing "__alert_A" at <'), r.exec.message);
      assert.ok(r.exec.message.endsWith(`: ${msg}`), r.exec.message);
      assert.equal(t.slice(r.exec.start, r.exec.end), at);
    });
  }
});
