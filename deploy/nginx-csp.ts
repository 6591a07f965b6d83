/*
 * Prints the Content-Security-Policy header line for nginx from a build (the script hashes change with every build):
 *   node deploy/nginx-csp.ts build > /etc/nginx/snippets/billedtale-csp.conf
 * deploy/nginx.conf includes that file; deploy/serve.ts computes the same policy itself.
 */
import { buildPolicy } from './server.ts';

const policy = await buildPolicy(process.argv[2] ?? 'build');
console.log(`add_header Content-Security-Policy "${policy}" always;`);
