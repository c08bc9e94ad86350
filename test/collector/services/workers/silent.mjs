// An anonymiser thread that starts and never answers, so every batch sent to it stays pending.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {});
parentPort.postMessage({ ready: true });
