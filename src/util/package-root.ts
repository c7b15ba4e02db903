import {fileURLToPath} from 'node:url'

/** The package root, from src/util (tsx) and dist/util (built) alike: both sit two levels down. */
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url))
