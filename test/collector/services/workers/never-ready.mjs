// An anonymiser thread that loads but never says it is ready, as if its start-up hung.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {});
