// Worker-thread entry of the parallel verifier: registers tsx in this thread, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('../src/checking/worker.ts');
