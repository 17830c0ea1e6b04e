#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx tessera` works from a checkout without a build.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/index.ts');
process.exitCode = await runCli(process.argv.slice(2));
