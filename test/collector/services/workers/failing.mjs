// An anonymiser thread that answers every batch with an error.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id }) => parentPort.postMessage({ id, error: 'failed on purpose' }));
parentPort.postMessage({ ready: true });
