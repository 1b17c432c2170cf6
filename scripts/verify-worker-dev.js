// Worker module of the worker threads when the engine runs from its TypeScript sources (tests):
// registers tsx in the thread, then exports the TypeScript task handlers (verify by default, replay and
// tighten by name). The built package uses dist/src/checking/worker.js directly.
import { register } from 'tsx/esm/api';

register();
const { handle, replay, tighten } = await import('../src/checking/worker.ts');
export { replay, tighten };
export default handle;
