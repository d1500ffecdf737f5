// Loaded with --import before tsx: makes every @opentelemetry/* import fail, as if the optional peer
// dependency were not installed, and records the attempt on stderr.
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('@opentelemetry/')) {
    process.stderr.write('blocked import: ' + specifier + '\\n');
    throw Object.assign(new Error('Cannot find package ' + specifier), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return nextResolve(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
