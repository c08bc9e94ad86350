// A thread of the anonymiser pool (anonymiser-pool.ts): anonymises each batch of messages it is sent and
// answers `{ id, messages }` in the same order, or `{ id, error }`. Plain JavaScript because a worker
// thread starts without the TypeScript loader of its parent; tsx's scoped import loads the rules package.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { anonymiseMessage } = await tsImport('@tapheal/rules', import.meta.url);

parentPort.on('message', ({ id, messages }) => {
  try {
    parentPort.postMessage({ id, messages: messages.map(anonymiseMessage) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
