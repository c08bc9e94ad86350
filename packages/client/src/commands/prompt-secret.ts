/** Asks for a value on the terminal without echoing it. Only used when stdin and stderr are terminals. */
import type { ReadStream } from 'node:tty';
import type { Writable } from 'node:stream';

export function createSecretPrompt(input: ReadStream, output: Writable): (name: string, why: string) => Promise<string | undefined> {
  return (name, why) =>
    new Promise((resolve) => {
      output.write(`${why}. Type ${name} (input hidden, Enter to skip): `);
      let value = '';
      const wasRaw = input.isRaw;
      input.setRawMode(true);
      input.resume();
      input.setEncoding('utf8');
      const finish = (result: string | undefined) => {
        input.off('data', onData);
        input.setRawMode(wasRaw);
        input.pause();
        output.write('\n');
        resolve(result);
      };
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') return finish(value === '' ? undefined : value);
          if (char === '\u0003' || char === '\u001b') return finish(undefined);
          if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
          else if (char >= ' ') value += char;
        }
      };
      input.on('data', onData);
    });
}
