import { runCli } from './cli/index.ts';

// `npm start` runs `serve`; every other entry point goes through the same CLI.
process.exitCode = await runCli(process.argv.slice(2));
