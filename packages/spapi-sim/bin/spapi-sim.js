#!/usr/bin/env node
// Runs the TypeScript CLI through tsx; the package is used from source inside the workspace.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
