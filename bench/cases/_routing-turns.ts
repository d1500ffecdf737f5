/**
 * Five 200-character user turns for timing the router, written for the benchmark (not taken from the
 * evaluation sets). Shared by bench/cases/routing.ts and scripts/eval-routing.ts.
 */
export function routingTurns(): Record<string, string> {
  const padTo200 = (text: string) => text.repeat(Math.ceil(200 / text.length)).slice(0, 200);
  return {
    'Arabic (MSA)': padTo200(
      'أريد أن أعرف كيف يمكنني تحسين مستوى اللغة العربية لدى أطفالي في المدرسة، وما هي الكتب التي تنصح بها؟ ',
    ),
    Persian: padTo200(
      'می‌خواهم بدانم چگونه می‌توانم سطح زبان فارسی فرزندانم را در مدرسه بهتر کنم و چه کتاب‌هایی پیشنهاد می‌کنید؟ ',
    ),
    'English code request': padTo200(
      'Write a Python function that parses the CSV file, groups rows by customer_id and returns a dict of totals. ',
    ),
    'English prose': padTo200(
      'We are planning a family trip to Morocco in the spring and would love some advice on where to stay and eat. ',
    ),
    Chinese: padTo200('我们计划春天去摩洛哥旅行，想请你推荐一些住宿和美食的地方，还有哪些城市值得一去？'),
    Arabizi: padTo200(
      'salam khouya, bghit n3ref kifach nwasel l mdina b tomobil, wach kayna chi tri9 9rib? ',
    ),
  };
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * CPU and wall µs per call of `decide(text)` for each turn: medians of `runs` runs of `iterations` calls,
 * after warm-up. CPU time (user + system) is the figure to compare on a shared machine.
 */
export function timeDecisions(
  decide: (text: string) => unknown,
  turns: Record<string, string>,
  iterations = 4000,
  runs = 7,
): Array<{ name: string; cpu: number; wall: number }> {
  for (const text of Object.values(turns)) for (let index = 0; index < iterations * 2; index++) decide(text);
  return Object.entries(turns).map(([name, text]) => {
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let run = 0; run < runs; run++) {
      const startCpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      for (let index = 0; index < iterations; index++) decide(text);
      wall.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
      const used = process.cpuUsage(startCpu);
      cpu.push((used.user + used.system) / iterations);
    }
    return { name, cpu: median(cpu), wall: median(wall) };
  });
}

/**
 * Wall µs of single calls of `decide(text)` for each turn, timed one by one after warm-up: the median and
 * the 99th percentile (the latency targets are on these).
 */
export function decisionPercentiles(
  decide: (text: string) => unknown,
  turns: Record<string, string>,
  calls = 5000,
): Array<{ name: string; median: number; p99: number }> {
  for (const text of Object.values(turns)) for (let index = 0; index < 2000; index++) decide(text);
  return Object.entries(turns).map(([name, text]) => {
    const times = new Float64Array(calls);
    for (let index = 0; index < calls; index++) {
      const start = process.hrtime.bigint();
      decide(text);
      times[index] = Number(process.hrtime.bigint() - start) / 1000;
    }
    times.sort();
    return {
      name,
      median: times[Math.floor(calls / 2)] as number,
      p99: times[Math.floor(calls * 0.99)] as number,
    };
  });
}
