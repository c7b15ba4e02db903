#!/usr/bin/env node
// Runs the TypeScript sources through tsx (oclif registers it in development mode), so the
// README's commands work on a fresh clone before anything is built.
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
