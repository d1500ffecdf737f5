import {
  type Agent,
  createRouter,
  defineAgent,
  isArabicText,
  type MemoryStore,
  type MistralProvider,
  type ToolSet,
} from '../../src/index.js';
import { createCalendarTool } from './calendar-tool.js';
import { convertDateTool } from './date-tool.js';
import { withLanguagePrefix } from './language-prefix.js';

const INSTRUCTIONS = `أنت مساعد ودود يجيب باللغة العربية الفصحى المبسطة. إذا كتب المستخدم بلغة أخرى فأجب بلغته.
استخدم أداة convert_date لتحويل التواريخ بين التقويمين الهجري والميلادي ولا تخمّن التواريخ.`;

/** The start of an Arabic answer the model must continue when it drifts into another language. */
export const ARABIC_PREFIX = 'بالعربية: ';

/** What {@link createArabicAssistant} builds the agent from. */
export interface ArabicAssistantOptions {
  provider: MistralProvider;
  memory: MemoryStore;
  /** Called when an answer began in another language and is asked again with the Arabic prefix. */
  onDrift?: (text: string) => void;
  /** Adds `add_calendar_event`, which needs the user's approval, writing to this list (the web chat). */
  calendar?: Array<{ title: string; date: string }>;
}

/** The Arabic assistant: routed per turn, Arabic kept with Mistral's `prefix`, the offline date tool. */
export function createArabicAssistant(options: ArabicAssistantOptions): Agent<ToolSet, string> {
  // Saba (the Arabic route's model) was retired on 2025-09-30; Mistral names Small 4 as its replacement.
  const arabicModel = withLanguagePrefix(options.provider('mistral-small-latest'), {
    prefix: ARABIC_PREFIX,
    accepts: isArabicText,
    ...(options.onDrift ? { onDrift: options.onDrift } : {}),
  });
  const router = createRouter({ provider: options.provider, routes: { arabic: arabicModel } });
  const tools: ToolSet = options.calendar
    ? { convert_date: convertDateTool, add_calendar_event: createCalendarTool(options.calendar) }
    : { convert_date: convertDateTool };
  return defineAgent({
    name: 'arabic-assistant',
    instructions: INSTRUCTIONS,
    router,
    memory: options.memory,
    tools,
  });
}
