// listr2 renderer choice as one pure function (lint-staged's getRenderer is the shape): silent under
// --json, plain lines in CI, tests and pipes, the live default renderer only on a real terminal.

export type RendererName = 'silent' | 'simple' | 'default'

export function chooseRenderer(options: {json: boolean; isTTY: boolean; env: NodeJS.ProcessEnv}): RendererName {
  if (options.json) return 'silent'
  if (!options.isTTY || options.env.CI || options.env.TERM === 'dumb') return 'simple'
  return 'default'
}

export const currentRenderer = (json: boolean): RendererName => chooseRenderer({json, isTTY: Boolean(process.stdout.isTTY), env: process.env})
