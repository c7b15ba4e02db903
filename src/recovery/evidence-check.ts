// Reads resume keys from S3 with bounded concurrency: one GET per key (a miss is NoSuchKey), so the
// content can be checked for the quarantine marker in the same call.
import {GetObjectCommand, type S3Client} from '@aws-sdk/client-s3'
import {mapAwsError} from '../aws/errors.js'
import type {KeyProbe, KeyResult} from './evidence.js'

/** Resume keys are small JSON documents; anything larger is read only this far for the marker. */
const MAX_BYTES = 1024 * 1024

export async function checkKeys(s3: S3Client, probes: readonly KeyProbe[], options: {concurrency: number; marker: string}): Promise<KeyResult[]> {
  const results: KeyResult[] = new Array(probes.length)
  let next = 0
  const worker = async () => {
    while (next < probes.length) {
      const i = next++
      results[i] = await checkKey(s3, probes[i]!, options.marker)
    }
  }
  await Promise.all(Array.from({length: Math.max(1, Math.min(options.concurrency, probes.length))}, worker))
  return results
}

async function checkKey(s3: S3Client, probe: KeyProbe, marker: string): Promise<KeyResult> {
  try {
    const r = await s3.send(new GetObjectCommand({Bucket: probe.bucket, Key: probe.key, Range: `bytes=0-${MAX_BYTES - 1}`}))
    const text = (await r.Body?.transformToString('utf8')) ?? ''
    let corrupt = false
    try {
      JSON.parse(text)
    } catch {
      corrupt = true
    }
    return {...probe, present: true, poisoned: text.includes(marker), corrupt}
  } catch (error) {
    const name = (error as {name?: string}).name
    if (name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchBucket') return {...probe, present: false, poisoned: false, corrupt: false}
    throw mapAwsError(error, `reading resume key s3://${probe.bucket}/${probe.key}`)
  }
}
