import { z } from 'zod';
import { tool } from '../../src/index.js';

/**
 * Adds an event to the user's calendar (here: a list in memory). It changes something the user owns, so it
 * runs only after the user approves the call: the web chat shows the arguments with approve/deny buttons.
 */
export function createCalendarTool(calendar: Array<{ title: string; date: string }>) {
  return tool({
    description: "Add an event to the user's calendar. Give the title and the Gregorian date as YYYY-MM-DD.",
    parameters: z.object({
      title: z.string().min(1).describe('What the event is'),
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/u)
        .describe('Gregorian date, YYYY-MM-DD'),
    }),
    needsApproval: true,
    execute: ({ title, date }) => {
      calendar.push({ title, date });
      return { added: true, title, date, events: calendar.length };
    },
  });
}

/** The type of the calendar tool. */
export type CalendarTool = ReturnType<typeof createCalendarTool>;
