/**
 * A file a service offers for download, as data: the route wrapper answers it with its content
 * type and an attachment disposition. The body is a stream, so a large export holds one batch in
 * memory at a time.
 */
export class Download {
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly body: ReadableStream<Uint8Array>,
  ) {}
}
