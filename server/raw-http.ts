/**
 * A raw HTTP client for the server tests (the Node production server's and nginx's, which check the
 * same headers): the path is sent byte for byte and the body kept as sent, so what a server does with
 * `%2e%2e` or `\` and which encoding it chose can be asserted. Not a test file itself.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** A raw response: status, headers and the body bytes as sent (not decompressed, as `fetch` would). */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * Sends a request with the path byte for byte as given (`%69`, `..` and `//` are not normalized
 * first, as a URL string would be), on a connection of its own.
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  headers: Readonly<Record<string, string>> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolveResponse, reject) => {
    const { hostname, port } = new URL(baseUrl);
    const request = httpRequest(
      { hostname, port, path, headers, method, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolveResponse({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** A header of a raw response as one string (several values joined as a client sees them), or `undefined`. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
