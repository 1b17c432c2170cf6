// Worker module of the parallel verifier (run by tinypool): registers tsx in this thread, then exports
// the TypeScript task handler.
import { register } from 'tsx/esm/api';

register();
const { handle } = await import('../src/checking/worker.ts');
export default handle;
