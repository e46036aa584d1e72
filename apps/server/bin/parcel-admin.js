#!/usr/bin/env node
// The admin CLI (src/cli): runs the TypeScript entry through tsx; the package is used from source.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
