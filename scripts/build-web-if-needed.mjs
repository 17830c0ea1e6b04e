#!/usr/bin/env node
// Run by `npm start`: builds the web app when web/dist is missing or older than its sources, so a fresh
// checkout serves the console and the portal with no separate step.
import { buildWeb } from './build-web.mjs';

const quiet = process.argv.includes('--quiet');
try {
  const built = await buildWeb({ onlyIfStale: true, quiet });
  if (!built && !quiet) console.log('web app is up to date');
} catch (error) {
  console.error(`building the web app failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
