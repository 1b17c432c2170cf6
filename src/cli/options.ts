/** Parsers of numeric command-line options: a bad value is a one-line usage error (exit 2). */
import { InvalidArgumentError } from 'commander';

export function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer.`);
    return n;
  };
}

export function nonNegativeInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${name} must be a non-negative integer.`);
    return n;
  };
}

export function integer(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\s*-?\d+\s*$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${name} must be an integer.`);
    return n;
  };
}

export function positiveNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number.`);
    return n;
  };
}
