// Worker module of the parallel verifier when the engine runs from its TypeScript sources (tests):
// registers tsx in the thread, then exports the TypeScript task handler. The built package uses
// dist/src/checking/worker.js directly.
import { register } from 'tsx/esm/api';

register();
const { handle } = await import('../src/checking/worker.ts');
export default handle;
