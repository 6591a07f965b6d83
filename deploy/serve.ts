/*
 * Serves the static build with the HTTP headers Billedtale needs (see deploy/server.ts and README "Drift: HTTP-headers").
 *   node deploy/serve.ts [--port 4173] [--host 127.0.0.1] [--dir build]
 */
import { parseArgs } from 'node:util';
import { createAppServer } from './server.ts';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: process.env.PORT ?? '4173' },
		host: { type: 'string', default: '127.0.0.1' },
		dir: { type: 'string', default: 'build' }
	}
});

const server = await createAppServer(values.dir);
server.listen(Number(values.port), values.host, () => console.log(`Billedtale: http://${values.host}:${values.port}/ (${values.dir})`));
// Playwright and the WebKit tier stop the server with SIGTERM; close so the port is free at once.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
