import { describe, expect, it } from 'vitest';
import { AssertionError } from 'node:assert';
import { describeResult, expectClaim } from './vitest.ts';
import { exact, raised, rarelyMet } from '../properties/fixtures/toy-claims.ts';

const SEED = 3;

describe('ratecheck/vitest', () => {
  it('passes a claim that holds and a variant that is refuted', () => {
    expect(expectClaim(exact, { runs: 20, seed: SEED }).toHold().verdict).toBe('holds');
    expect(expectClaim(raised, { runs: 20, seed: SEED }).toBeRefuted().counterexample).toBeDefined();
    expect(expectClaim(rarelyMet, { runs: 20, seed: SEED }).toBeAsExpected().verdict).toBe('vacuous');
    expect(expectClaim(rarelyMet, { runs: 20, seed: SEED }).toHaveVerdict('vacuous').verdict).toBe('vacuous');
  });

  it('fails with the shrunk counterexample, the violation, the seed and a replay command', () => {
    let error: unknown;
    try {
      expectClaim(raised, { runs: 20, seed: SEED }).toHold();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AssertionError);
    const message = (error as Error).message;
    expect(message).toMatch(/^expected toy\.raised-rate to be holds, but it is refuted/);
    expect(message).toMatch(/counterexample \(shrunk \d+ times\): \{"q":0\.95,"horizon":1\}/);
    expect(message).toMatch(/first violation at t = 1: x = 0\.950* > bound 0\.4750* \(ratio 2\.0*; x_t = q\^t\)/);
    expect(message).toMatch(new RegExp(`seed ${SEED} \\(claim seed -?\\d+\\), 20 runs`));
    expect(message).toMatch(/replay: npx ratecheck verify properties\/fixtures\/toy-claims\.ts toy\.raised-rate --seed 3 --runs 20 --max-iterations \d+/);
  });

  it('says why a claim that holds is not refuted, and that a run cut short is neither', () => {
    expect(() => expectClaim(exact, { runs: 5, seed: SEED }).toBeRefuted()).toThrow(/expected toy\.exact to be refuted, but it is holds[\s\S]*largest observed\/bound ratio/);
    expect(() => expectClaim(exact, { runs: 5, seed: SEED, timeLimit: 1e-9 }).toHold()).toThrow(/but it is inconclusive[\s\S]*reason: /);
    expect(describeResult(exact, expectClaim(exact, { runs: 3, seed: SEED }).toHold(), SEED)).toMatch(/^toy\.exact: holds \((\d+) of \1 instances met the hypotheses\)/);
  });
});
