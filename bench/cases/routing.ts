/**
 * `npm run bench -- routing`: µs per routing decision (`router.explain`: script counts, Arabic
 * discriminator, code intent, follow-up check, policy) on five 200-character turns, and the heap the
 * detectors add once loaded. Targets (issue 4): <= 20 µs per decision, <= 5 MB. Accuracy figures come from
 * `npm run eval:routing`.
 */
import { decisionPercentiles, routingTurns, timeDecisions } from './_routing-turns.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run through `npm run bench` (it passes --expose-gc).');

gc();
const before = process.memoryUsage().heapUsed;
const { createRouter } = await import('../../src/routing/create-router.js');
const { FakeModel } = await import('../../src/testing/fake-model.js');
const router = createRouter({ provider: (id) => new FakeModel({ id }), refresh: 'manual' });
router.explain('مرحبا');
gc();
const heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;

// Time what select() runs for a turn (decideRoute); explain() adds the evidence list on top.
const { decideRoute } = await import('../../src/routing/decide-route.js');
const { scriptLanguageDetector } = await import('../../src/routing/language-detector.js');
const capabilities = { vision: true, functionCalling: true, fim: false, reasoning: false };
const routes = new Map(
  ['arabic', 'code', 'general'].map((route) => [
    route,
    { model: route, capabilities, capabilitiesKnown: true },
  ]),
);
const decide = (text: string) =>
  decideRoute(
    { text, images: 0, needsTools: false, messages: [] },
    { routes, rules: [], detector: scriptLanguageDetector },
  );
const rows = timeDecisions(decide, routingTurns());
const percentiles = decisionPercentiles(decide, routingTurns());
console.log('## Routing: µs per decision and memory\n');
console.log('`npm run bench -- routing`\n');
console.log('| 200-char turn | CPU µs per decision (median) | wall µs per decision (median) |');
console.log('|---|---|---|');
for (const row of rows) console.log(`| ${row.name} | ${row.cpu.toFixed(2)} | ${row.wall.toFixed(2)} |`);
console.log('\nMedians of 7 runs of 4,000 decisions per turn after warm-up; target <= 20 µs.\n');
console.log('| 200-char turn | single decision, median µs | p99 µs |');
console.log('|---|---|---|');
for (const row of percentiles)
  console.log(`| ${row.name} | ${row.median.toFixed(1)} | ${row.p99.toFixed(1)} |`);
console.log(
  '\nWall time of 5,000 single decisions per turn, each timed alone; targets: median <= 20 µs, p99 <= 100 µs.',
);
console.log(
  `\nHeap added by loading the router, catalog and detectors and routing one turn: ${heapMb.toFixed(2)} MB ` +
    '(heapUsed delta after gc; target <= 5 MB).\n',
);
