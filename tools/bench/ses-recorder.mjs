// A pass-through HTTP proxy in front of the SES emulator that notes when the emulator accepted each email: the
// emulator's own store keeps whole seconds only. Emails are told apart by the `benchref<n>x` their content carries;
// a SendBulkEmail call counts each entry the emulator answered with SUCCESS.
import http from 'node:http';

const REF = /benchref(\d+)x/;

export async function startSesRecorder(target) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  /**
   * ref → { first, last, count, requested } of accepted sends, times in epoch milliseconds; `requested` is when the
   * first accepted send reached the recorder, so `first - requested` is the emulator's share.
   */
  const accepted = new Map();
  let total = 0;
  const note = (content, at, requested) => {
    total += 1;
    const match = REF.exec(content);
    if (!match) {
      return;
    }
    const entry = accepted.get(match[1]);
    if (entry) {
      entry.last = at;
      entry.count += 1;
    } else {
      accepted.set(match[1], { first: at, last: at, count: 1, requested });
    }
  };
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const requested = Date.now();
      const body = Buffer.concat(chunks);
      const forwarded = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
          agent,
        },
        (answer) => {
          const parts = [];
          answer.on('data', (chunk) => parts.push(chunk));
          answer.on('end', () => {
            const at = Date.now();
            const status = answer.statusCode ?? 502;
            if (status >= 200 && status < 300 && (request.url ?? '').includes('/outbound-emails')) {
              note(body.toString('utf8'), at, requested);
            } else if (
              status >= 200 &&
              status < 300 &&
              (request.url ?? '').includes('/outbound-bulk-emails')
            ) {
              const entries = JSON.parse(body.toString('utf8')).BulkEmailEntries ?? [];
              const results = JSON.parse(Buffer.concat(parts).toString('utf8')).BulkEmailEntryResults ?? [];
              entries.forEach((entry, index) => {
                if (results[index]?.Status === 'SUCCESS') {
                  note(
                    entry.ReplacementEmailContent?.ReplacementTemplate?.ReplacementTemplateData ?? '',
                    at,
                    requested,
                  );
                }
              });
            }
            response.writeHead(status, answer.headers);
            response.end(Buffer.concat(parts));
          });
        },
      );
      forwarded.on('error', (error) => {
        response.writeHead(502);
        response.end(String(error));
      });
      forwarded.end(body);
    });
  });
  /** @type {Promise<void>} */
  const listening = new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  await listening;
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accepted,
    get total() {
      return total;
    },
    /** How many of `refs` were accepted at least once. */
    countOf: (refs) => refs.reduce((sum, ref) => sum + (accepted.has(String(ref)) ? 1 : 0), 0),
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
