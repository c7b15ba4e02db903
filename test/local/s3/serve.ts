// Test helper: the S3 handler served on 127.0.0.1, port 0, with a real S3Client pointed at it.
// Requests are recorded, so a test can check what the SDK sent.
import {S3Client, type S3ClientConfig} from '@aws-sdk/client-s3'
import {createS3Handler} from '../../../src/local/s3/handler.js'
import {S3Store} from '../../../src/local/s3/store.js'
import {serveHandler, type ServedHandler} from '../../helpers/serve-handler.js'

export function s3Client(url: string, config: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({
    endpoint: url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
    ...config,
  })
}

export interface LocalS3 {
  store: S3Store
  served: ServedHandler
  client: S3Client
  close(): Promise<void>
}

/** A fresh store behind the S3 handler, with a default client (aws-chunked uploads and all). */
export async function startLocalS3(config: Partial<S3ClientConfig> = {}): Promise<LocalS3> {
  const store = new S3Store()
  const served = await serveHandler(createS3Handler(store), {recordRequests: true})
  const client = s3Client(served.url, config)
  return {
    store,
    served,
    client,
    close: async () => {
      client.destroy()
      await served.close()
    },
  }
}
