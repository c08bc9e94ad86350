#!/usr/bin/env node
// The `tapheal-trainer` executable: loads the TypeScript sources through tsx and hands the process to cli.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2), process.env, process);
