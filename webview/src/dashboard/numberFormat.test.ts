import { strict as assert } from 'node:assert';
import { guessDecimals, roundDecimals } from './numberFormat';

// The y axis' decimals as Grafana's UPlotAxisBuilder guesses them from the tick increment:
// guessDecimals(roundDecimals(incr, 6)); 0 means "automatic" (the unit's own decimals).
describe('axis decimals from the tick increment (guessDecimals ∘ roundDecimals)', () => {
  const cases: Array<[number, number]> = [
    [100, 0], [1, 0], [2.5, 1], [0.5, 1], [0.25, 2], [0.1 + 0.2, 1], [0.05, 2], [0.001, 3], [1e-7, 0], [0.30000000000000004, 1], [1 / 3, 6],
  ];
  for (const [incr, want] of cases) it(`${incr} → ${want}`, () => assert.equal(guessDecimals(roundDecimals(incr, 6)), want));
  it('roundDecimals keeps integers and rounds to the given digits', () => {
    assert.equal(roundDecimals(5), 5);
    assert.equal(roundDecimals(1.005, 2), 1.01);
    assert.equal(roundDecimals(2.4999999, 6), 2.5);
  });
});
