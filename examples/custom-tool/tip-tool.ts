import { z } from 'zod';
import { tool } from '../../src/index.js';

/**
 * The shortest complete typed tool: a description the model reads, a Zod schema for the arguments, and
 * `execute`, whose argument type is inferred from the schema (`bill: number`, `percent: number`, `people: number`).
 */
export const splitBill = tool({
  description: 'Split a restaurant bill with a tip between people. Returns what each person pays.',
  parameters: z.object({
    bill: z.number().positive().describe('The bill before tip'),
    percent: z.number().min(0).max(100).default(15).describe('Tip in percent'),
    people: z.number().int().min(1).default(1),
  }),
  execute: ({ bill, percent, people }) => {
    const total = bill * (1 + percent / 100);
    return { total: round(total), each: round(total / people) };
  },
});

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
