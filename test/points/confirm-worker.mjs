// Worker entry: teach this thread TypeScript (tsx), then run the worker proper.
import { register } from 'tsx/esm/api';
register();
await import('./confirm-worker.ts');
