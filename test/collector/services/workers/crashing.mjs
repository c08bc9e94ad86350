// An anonymiser thread that starts, then dies on the first batch it is sent.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => process.exit(3));
parentPort.postMessage({ ready: true });
