/**
 * Where a claim was defined: the file that called `defineClaim` (or a variant transform), read from the
 * call stack once when the claim is made. Assertion messages use it to print a replay command that
 * names the claim file.
 */
import { fileURLToPath } from 'node:url';

const origins = new WeakMap<object, string>();
const ENGINE_DIR = fileURLToPath(new URL('..', import.meta.url));

function callerFile(): string | undefined {
  const stack = new Error().stack?.split('\n').slice(1) ?? [];
  for (const line of stack) {
    const m = /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?\s*$/.exec(line);
    if (!m) continue;
    const file = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1];
    if (file.startsWith(ENGINE_DIR) || file.includes('/node_modules/')) continue;
    return file;
  }
  return undefined;
}

/** Record the calling file as the claim's origin (the first frame outside the engine). */
export function recordOrigin<T extends object>(claim: T): T {
  const file = callerFile();
  if (file) origins.set(claim, file);
  return claim;
}

/** The file a claim was defined in, when it is known. */
export function claimOrigin(claim: object): string | undefined {
  return origins.get(claim);
}
